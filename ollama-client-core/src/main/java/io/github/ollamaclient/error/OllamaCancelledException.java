package io.github.ollamaclient.error;

/**
 * The call was cancelled by the caller (a stream's {@code cancel()} or {@code close()}, or {@code
 * cancel} on an asynchronous call's future) before it finished, so no complete answer exists.
 */
public class OllamaCancelledException extends OllamaException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which call was cancelled
   */
  public OllamaCancelledException(String message) {
    super(message);
  }
}
