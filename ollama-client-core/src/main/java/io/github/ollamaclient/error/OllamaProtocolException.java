package io.github.ollamaclient.error;

/**
 * The server sent something this client cannot read: a malformed JSON body or stream line, or a
 * stream that ended before its final chunk ({@code done: true}, or {@code status: success} for
 * pull, push and create).
 *
 * <p>A stream cut short by a proxy or a broken connection ends here rather than looking like a
 * complete, shorter answer.
 */
public class OllamaProtocolException extends OllamaException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, with the line number and a preview of the text when known
   */
  public OllamaProtocolException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong
   * @param cause the parse failure
   */
  public OllamaProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
