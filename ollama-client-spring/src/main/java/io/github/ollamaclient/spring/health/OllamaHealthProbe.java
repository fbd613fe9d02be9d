package io.github.ollamaclient.spring.health;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.error.OllamaCancelledException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.spring.InvalidOllamaPropertyException;
import java.time.Duration;
import java.util.Objects;

/**
 * Asks the server for its version with a short timeout of its own, for the health indicators of
 * both Spring Boot lines. Uses a client derived from the application's (same URL, headers and
 * connection pool) so a dead or stalled server fails the check within the timeout instead of
 * hanging {@code /actuator/health}. Close it to release the derived client.
 */
public final class OllamaHealthProbe implements AutoCloseable {
  private final OllamaClient probe;
  private final Duration timeout;

  private OllamaHealthProbe(OllamaClient probe, Duration timeout) {
    this.probe = probe;
    this.timeout = timeout;
  }

  /**
   * A probe for {@code client}'s server.
   *
   * @param timeout the limit on one check, connecting included; must be positive
   * @throws InvalidOllamaPropertyException naming {@code ollama.health.timeout} when the timeout is
   *     not positive
   */
  public static OllamaHealthProbe of(OllamaClient client, Duration timeout) {
    Objects.requireNonNull(client, "client");
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new InvalidOllamaPropertyException(
          "ollama.health.timeout",
          "must be a positive duration, was " + timeout,
          "Set ollama.health.timeout to a positive duration such as 2s.",
          null);
    }
    // No listener: a check every few seconds would otherwise swamp the request metrics.
    return new OllamaHealthProbe(
        client
            .newBuilder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .listener(OllamaListener.NONE)
            // A health check reports the state now: a retry's backoff would only delay a DOWN.
            .retryPolicy(RetryPolicy.none())
            .build(),
        timeout);
  }

  /**
   * The server's version.
   *
   * @throws io.github.ollamaclient.error.OllamaException when the server cannot be reached, answers
   *     with an error or does not answer within the timeout
   */
  public String version() {
    try {
      return probe.version();
    } catch (OllamaCancelledException e) {
      // Nothing cancels the probe's calls but its own call timeout, which OkHttp carries out by
      // cancelling the call: say what happened.
      throw new OllamaTimeoutException(
          "GET /api/version to "
              + probe.baseUrl()
              + " did not answer within the health check's timeout ("
              + timeout.toMillis()
              + " ms, ollama.health.timeout)",
          probe.baseUrl(),
          e);
    }
  }

  /** The server checked. */
  public String baseUrl() {
    return probe.baseUrl();
  }

  /** Releases the derived client (the application's client stays open). */
  @Override
  public void close() {
    probe.close();
  }
}
