/**
 * When the client tries a failed call again: {@link io.github.ollamaclient.retry.RetryPolicy},
 * given to {@code OllamaClient.builder().retryPolicy(...)}.
 */
package io.github.ollamaclient.retry;
