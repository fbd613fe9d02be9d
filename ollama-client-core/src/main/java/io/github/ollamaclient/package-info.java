/**
 * The client for Ollama's native HTTP API: {@link io.github.ollamaclient.OllamaClient} and the
 * exceptions it throws, all rooted in {@link io.github.ollamaclient.OllamaException}.
 *
 * <p>Requests and responses live in one package per concern ({@code chat}, {@code generate}, {@code
 * embed}, {@code models}, {@code web}); what chat and generate share is in {@code inference};
 * streamed answers in {@code stream}; listener hooks in {@code observe}.
 */
package io.github.ollamaclient;
