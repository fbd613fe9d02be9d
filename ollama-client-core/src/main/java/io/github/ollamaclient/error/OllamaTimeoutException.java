package io.github.ollamaclient.error;

/**
 * A timeout expired: connecting, waiting for the next bytes (read timeout), or the whole call.
 *
 * <p>A model load can take minutes; raise the read timeout in {@link
 * io.github.ollamaclient.OllamaClient.Builder} when this happens on the first call to a large
 * model.
 */
public class OllamaTimeoutException extends OllamaConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which timeout expired, and its value when known
   * @param url the URL that was requested
   * @param cause the underlying timeout
   */
  public OllamaTimeoutException(String message, String url, Throwable cause) {
    super(message, url, cause);
  }
}
