package io.github.ollamaclient.examples.proxy;

/** A request the proxy answers with an HTTP error status and {@code {"error": message}}. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** How long the client should wait before trying again; null when not said. */
  private final java.time.Duration retryAfter;

  ApiException(int status, String message) {
    this(status, message, null, null);
  }

  ApiException(int status, String message, Throwable cause) {
    this(status, message, cause, null);
  }

  /** A refusal that tells the client when to try again ({@code Retry-After}). */
  ApiException(int status, String message, Throwable cause, java.time.Duration retryAfter) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** How long the client should wait before trying again, when the refusal says. */
  java.util.Optional<java.time.Duration> retryAfter() {
    return java.util.Optional.ofNullable(retryAfter);
  }

  int status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException badRequest(String message, Throwable cause) {
    return new ApiException(400, message, cause);
  }
}
