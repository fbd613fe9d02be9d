package io.github.ollamaclient.error;

/**
 * Ollama could not be reached, or the connection broke before the answer was complete.
 *
 * <p>The message names the URL that was tried and what to check: that Ollama runs ({@code ollama
 * serve}, or the Ollama app) and that {@code OLLAMA_HOST} or the client's base URL point at it.
 */
public class OllamaConnectionException extends OllamaException {
  private static final long serialVersionUID = 1L;

  private final String url;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to try
   * @param url the URL that was requested
   * @param cause the underlying I/O failure
   */
  public OllamaConnectionException(String message, String url, Throwable cause) {
    super(message, cause);
    this.url = url;
  }

  /** The URL that was requested. */
  public String url() {
    return url;
  }
}
