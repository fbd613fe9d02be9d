package io.github.ollamaclient;

/**
 * Ollama (or a proxy in front of it) answered with an HTTP error status.
 *
 * <p>Carries the status, the request's method and path, and Ollama's own error text: the {@code
 * error} field of its JSON body, or the raw body when it is not JSON (an HTML 502 page from nginx,
 * say).
 */
public class OllamaHttpException extends OllamaException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String method;
  private final String path;
  private final String errorMessage;
  private final String body;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status code, such as 400 or 500
   * @param method the request method, such as {@code POST}
   * @param path the request path, such as {@code /api/chat}
   * @param errorMessage Ollama's {@code error} text, or the raw body when it was not JSON
   * @param body the raw response body (possibly shortened), empty when there was none
   */
  public OllamaHttpException(
      int statusCode, String method, String path, String errorMessage, String body) {
    this(
        describe(statusCode, method, path, errorMessage),
        statusCode,
        method,
        path,
        errorMessage,
        body);
  }

  /**
   * Creates the exception with a message of the subclass's choosing.
   *
   * @param message the full message
   * @param statusCode the HTTP status code
   * @param method the request method
   * @param path the request path
   * @param errorMessage Ollama's {@code error} text, or the raw body
   * @param body the raw response body (possibly shortened)
   */
  protected OllamaHttpException(
      String message,
      int statusCode,
      String method,
      String path,
      String errorMessage,
      String body) {
    super(message);
    this.statusCode = statusCode;
    this.method = method;
    this.path = path;
    this.errorMessage = errorMessage == null ? "" : errorMessage;
    this.body = body == null ? "" : body;
  }

  private static String describe(int status, String method, String path, String error) {
    String text = error == null || error.isBlank() ? "(no error text)" : error;
    return method + " " + path + " failed with HTTP " + status + ": " + text;
  }

  /** The HTTP status code, such as 400, 404 or 500. */
  public int statusCode() {
    return statusCode;
  }

  /** The request method, such as {@code POST}. */
  public String method() {
    return method;
  }

  /** The request path relative to the base URL, such as {@code /api/chat}. */
  public String path() {
    return path;
  }

  /**
   * Ollama's own error text (the {@code error} field of its JSON body), or the raw body when the
   * answer was not JSON; empty when the body was empty.
   */
  public String errorMessage() {
    return errorMessage;
  }

  /** The raw response body, shortened when very long; empty when there was none. */
  public String body() {
    return body;
  }
}
