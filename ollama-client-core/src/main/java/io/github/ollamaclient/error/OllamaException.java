package io.github.ollamaclient.error;

/**
 * The root of every exception this client throws.
 *
 * <p>Unchecked, so calls read like plain method calls; catch this type to handle every failure from
 * Ollama or the network in one place, or one of its subclasses to act on a specific case:
 *
 * <ul>
 *   <li>{@link OllamaHttpException}: the server answered with an error status ({@link
 *       ModelNotFoundException} for a missing model);
 *   <li>{@link OllamaConnectionException}: the server could not be reached, or the connection broke
 *       ({@link OllamaTimeoutException} when a timeout expired);
 *   <li>{@link OllamaStreamException}: the server reported an error in the middle of a stream;
 *   <li>{@link OllamaProtocolException}: the server sent something this client cannot read, or a
 *       stream ended before its final chunk;
 *   <li>{@link OllamaCancelledException}: the caller cancelled the call before it finished.
 * </ul>
 */
public class OllamaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, in words a user can act on
   */
  public OllamaException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and its cause.
   *
   * @param message what went wrong, in words a user can act on
   * @param cause the underlying failure
   */
  public OllamaException(String message, Throwable cause) {
    super(message, cause);
  }
}
