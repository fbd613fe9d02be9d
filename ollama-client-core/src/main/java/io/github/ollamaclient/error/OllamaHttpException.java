package io.github.ollamaclient.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Ollama (or a proxy in front of it) answered with an HTTP error status.
 *
 * <p>Carries the status, the request's method and path, and Ollama's own error text: the {@code
 * error} field of its JSON body, or the raw body when it is not JSON (an HTML 502 page from nginx,
 * say), and how long the server asked to wait before trying again ({@link #retryAfter()}).
 */
public class OllamaHttpException extends OllamaException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String method;
  private final String path;
  private final String errorMessage;
  private final String body;
  private final Duration retryAfter;

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
    this(statusCode, method, path, errorMessage, body, null);
  }

  /**
   * Creates the exception for an answer that carried a {@code Retry-After} header.
   *
   * @param statusCode the HTTP status code, such as 429 or 503
   * @param method the request method, such as {@code POST}
   * @param path the request path, such as {@code /api/chat}
   * @param errorMessage Ollama's {@code error} text, or the raw body when it was not JSON
   * @param body the raw response body (possibly shortened), empty when there was none
   * @param retryAfter how long the server asked to wait, {@code null} when it did not say
   */
  public OllamaHttpException(
      int statusCode,
      String method,
      String path,
      String errorMessage,
      String body,
      Duration retryAfter) {
    this(
        describe(statusCode, method, path, errorMessage),
        statusCode,
        method,
        path,
        errorMessage,
        body,
        retryAfter);
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
    this(message, statusCode, method, path, errorMessage, body, null);
  }

  /**
   * Creates the exception with every field and a message of the caller's choosing, such as the
   * original message with the number of attempts a retry made.
   *
   * @param message the full message
   * @param statusCode the HTTP status code
   * @param method the request method
   * @param path the request path
   * @param errorMessage Ollama's {@code error} text, or the raw body
   * @param body the raw response body (possibly shortened)
   * @param retryAfter how long the server asked to wait, {@code null} when it did not say
   */
  public OllamaHttpException(
      String message,
      int statusCode,
      String method,
      String path,
      String errorMessage,
      String body,
      Duration retryAfter) {
    super(message);
    this.statusCode = statusCode;
    this.method = method;
    this.path = path;
    this.errorMessage = errorMessage == null ? "" : errorMessage;
    this.body = body == null ? "" : body;
    this.retryAfter = retryAfter;
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

  /**
   * How long the server asked the client to wait before trying again: its {@code Retry-After}
   * header (seconds or an HTTP date, as a duration from when the answer arrived; never negative,
   * and at most 24 hours: a longer wait is reported as 24 hours), empty when it sent none or an
   * unreadable one (a negative number, a fraction, text). Ollama's 503 "server busy" and a rate
   * limiter's 429 may carry it.
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
