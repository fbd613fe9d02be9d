package io.github.ollamaclient.error;

/**
 * The server answered a request with a redirect (HTTP 3xx) that the client did not follow.
 *
 * <p>The client follows redirects of {@code GET} and {@code HEAD} only. Followed, a redirected
 * {@code POST} either loses its body (301, 302 and 303 turn it into a {@code GET}) or sends it, the
 * prompt included, to wherever the server points (307 and 308), such as another endpoint. The usual
 * cure is a base URL that names where the server really is, such as {@code https} instead of {@code
 * http}, or the path a reverse proxy expects.
 */
public class OllamaRedirectException extends OllamaHttpException {
  private static final long serialVersionUID = 1L;

  private final String location;

  /**
   * Creates the exception.
   *
   * @param statusCode the redirect status, such as 301 or 307
   * @param method the request method, such as {@code POST}
   * @param path the request path, such as {@code /api/chat}
   * @param location where the server redirected to, absolute, without user info, query or fragment
   * @param body the raw response body (possibly shortened), empty when there was none
   */
  public OllamaRedirectException(
      int statusCode, String method, String path, String location, String body) {
    super(
        method
            + " "
            + path
            + " was redirected to "
            + location
            + " (HTTP "
            + statusCode
            + "), which the client does not follow"
            + (method.equals("GET") || method.equals("HEAD")
                ? ""
                : ": a redirected " + method + " could lose its body or send it elsewhere")
            + ". Point the base URL at where the server answers.",
        statusCode,
        method,
        path,
        "",
        body);
    this.location = location;
  }

  /**
   * Where the server redirected to, as an absolute URL without user info, query or fragment (which
   * may carry credentials).
   */
  public String location() {
    return location;
  }
}
