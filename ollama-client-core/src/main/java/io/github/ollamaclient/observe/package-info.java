/**
 * Hooks for metrics and tracing: an {@link io.github.ollamaclient.observe.OllamaListener}
 * registered on the client's builder hears of every finished call as a {@link
 * io.github.ollamaclient.observe.CallEvent}, and, when it overrides {@link
 * io.github.ollamaclient.observe.OllamaListener#onCallStarted}, of every start as a {@link
 * io.github.ollamaclient.observe.CallStart}, with a {@link
 * io.github.ollamaclient.observe.CallHandle} per call for its end. The Spring Boot starter uses
 * them for Micrometer metrics and observations.
 */
package io.github.ollamaclient.observe;
