package io.github.ollamaclient.error;

/**
 * Ollama reported an error in the middle of a stream: a line {@code {"error": "..."}} after the
 * HTTP status 200 was already sent.
 *
 * <p>Thrown by the stream's iterator after every chunk that arrived before the error line has been
 * delivered.
 */
public class OllamaStreamException extends OllamaException {
  private static final long serialVersionUID = 1L;

  private final String errorMessage;
  private final long chunksDelivered;

  /**
   * Creates the exception.
   *
   * @param description the request, such as {@code POST /api/chat}
   * @param errorMessage Ollama's error text
   * @param chunksDelivered how many chunks were delivered before the error
   */
  public OllamaStreamException(String description, String errorMessage, long chunksDelivered) {
    super(description + " stream failed after " + chunksDelivered + " chunk(s): " + errorMessage);
    this.errorMessage = errorMessage;
    this.chunksDelivered = chunksDelivered;
  }

  /** Ollama's error text from the error line. */
  public String errorMessage() {
    return errorMessage;
  }

  /** How many chunks were delivered to the caller before the error line. */
  public long chunksDelivered() {
    return chunksDelivered;
  }
}
