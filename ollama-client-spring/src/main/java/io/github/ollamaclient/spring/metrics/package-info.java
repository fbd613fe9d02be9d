/**
 * Micrometer metrics for every call the client makes, when the application has a {@link
 * io.micrometer.core.instrument.MeterRegistry} bean: the timer {@value
 * io.github.ollamaclient.spring.metrics.OllamaMetricsListener#REQUESTS} and the counter {@value
 * io.github.ollamaclient.spring.metrics.OllamaMetricsListener#TOKENS}. Tags are bounded: never a
 * prompt, a message or an option value.
 */
package io.github.ollamaclient.spring.metrics;
