/**
 * The client for Ollama's native HTTP API: {@link io.github.ollamaclient.OllamaClient}, and {@link
 * io.github.ollamaclient.OllamaJson} for Ollama's JSON read and written outside a call.
 *
 * <p>Requests and responses live in one package per concern ({@code chat}, {@code generate}, {@code
 * embed}, {@code models}, {@code web}); what chat and generate share is in {@code inference};
 * streamed answers in {@code stream}; listener hooks in {@code observe}; failures, all rooted in
 * {@link io.github.ollamaclient.error.OllamaException}, in {@code error}; the retry policy in
 * {@code retry}.
 */
package io.github.ollamaclient;
