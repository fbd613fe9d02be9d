/**
 * Hooks for metrics and tracing: an {@link io.github.ollamaclient.observe.OllamaListener}
 * registered on the client's builder hears of every finished call as a {@link
 * io.github.ollamaclient.observe.CallEvent}. The Spring Boot starter uses it for Micrometer.
 */
package io.github.ollamaclient.observe;
