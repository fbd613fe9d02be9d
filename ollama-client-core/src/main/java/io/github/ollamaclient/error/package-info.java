/**
 * What can go wrong in a call: every failure is an unchecked {@link
 * io.github.ollamaclient.error.OllamaException}, carrying the HTTP status and Ollama's own error
 * text where the server sent them. Catch the base type, or a subtype for a case worth handling on
 * its own: {@link io.github.ollamaclient.error.ModelNotFoundException} (pull the model), {@link
 * io.github.ollamaclient.error.OllamaTimeoutException} (raise a timeout), {@link
 * io.github.ollamaclient.error.OllamaConnectionException} (is the server running?).
 *
 * <p>A package of its own so that the transport, which throws these, and the client, which sits
 * above the transport, need not share one.
 */
package io.github.ollamaclient.error;
