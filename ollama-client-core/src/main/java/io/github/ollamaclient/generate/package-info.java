/**
 * {@code POST /api/generate}: a single completion of a prompt, without a conversation. Build a
 * {@link io.github.ollamaclient.generate.GenerateRequest}, then call {@link
 * io.github.ollamaclient.OllamaClient#generate}, {@link
 * io.github.ollamaclient.OllamaClient#generateStream} or {@link
 * io.github.ollamaclient.OllamaClient#generateAsync}; each answer or chunk is a {@link
 * io.github.ollamaclient.generate.GenerateResponse}.
 */
package io.github.ollamaclient.generate;
