package io.github.ollamaclient.examples.common;

import java.time.Duration;

/**
 * The request was not given to the model: every slot was taken ({@code app.max-concurrent}) and the
 * queue full or too slow. Answered with 503 and {@code Retry-After}.
 */
public final class OllamaBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message what was refused and why, naming the properties
   * @param retryAfter how long the client should wait before trying again
   */
  public OllamaBusyException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** How long the client should wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
