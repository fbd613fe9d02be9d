package io.github.ollamaclient.internal;

/**
 * One request to the API, as the transport needs it.
 *
 * @param operation the client method's name, as listeners and metrics name the call ({@code chat},
 *     {@code pull}, …): a fixed, small set, so it is safe as a metric tag
 * @param method the HTTP method
 * @param path the path relative to the base URL, starting with {@code /}, such as {@code /api/chat}
 * @param payload what the request sends
 * @param model the model the request names, used to word a 404; {@code null} when none
 */
public record ApiCall(String operation, String method, String path, Payload payload, String model) {

  /** A {@code GET} without a body. */
  public static ApiCall get(String operation, String path) {
    return new ApiCall(operation, "GET", path, Payload.NONE, null);
  }

  /** A {@code HEAD} without a body. */
  public static ApiCall head(String operation, String path) {
    return new ApiCall(operation, "HEAD", path, Payload.NONE, null);
  }

  /** A {@code POST} of {@code payload}. */
  public static ApiCall post(String operation, String path, Payload payload, String model) {
    return new ApiCall(operation, "POST", path, payload, model);
  }

  /** A {@code DELETE} with a body, as {@code /api/delete} expects. */
  public static ApiCall delete(String operation, String path, Payload payload, String model) {
    return new ApiCall(operation, "DELETE", path, payload, model);
  }

  /** {@code POST /api/chat} style description for messages and logs. */
  public String describe() {
    return method + " " + path;
  }
}
