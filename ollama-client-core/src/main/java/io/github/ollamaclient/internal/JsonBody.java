package io.github.ollamaclient.internal;

import okhttp3.MediaType;
import okhttp3.RequestBody;

/** JSON request bodies. */
final class JsonBody {
  static final MediaType JSON = MediaType.get("application/json");

  private JsonBody() {}

  static RequestBody of(Object value) {
    return RequestBody.create(Json.toBytes(value), JSON);
  }
}
