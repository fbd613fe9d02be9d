package io.github.ollamaclient.examples.proxy;

/** A request the proxy answers with an HTTP error status and {@code {"error": message}}. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    this(status, message, null);
  }

  ApiException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
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
