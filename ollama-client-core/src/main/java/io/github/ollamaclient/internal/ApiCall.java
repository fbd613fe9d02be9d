package io.github.ollamaclient.internal;

import okhttp3.RequestBody;

/**
 * One request to the API, as the transport needs it.
 *
 * @param method the HTTP method
 * @param path the path relative to the base URL, starting with {@code /}, such as {@code /api/chat}
 * @param body the request body, {@code null} for none
 * @param model the model the request names, used to word a 404; {@code null} when none
 */
public record ApiCall(String method, String path, RequestBody body, String model) {

  /** A {@code GET} without a body. */
  public static ApiCall get(String path) {
    return new ApiCall("GET", path, null, null);
  }

  /** A {@code POST} of a JSON body. */
  public static ApiCall post(String path, Object json, String model) {
    return new ApiCall("POST", path, JsonBody.of(json), model);
  }

  /** A {@code DELETE} with a JSON body, as {@code /api/delete} expects. */
  public static ApiCall delete(String path, Object json, String model) {
    return new ApiCall("DELETE", path, JsonBody.of(json), model);
  }

  /** {@code POST /api/chat} style description for messages and logs. */
  public String describe() {
    return method + " " + path;
  }
}
