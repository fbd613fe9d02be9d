package io.github.ollamaclient.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A JSON request body that remembers the value it was made from, so the transport can still add a
 * client-wide default (such as {@code keep_alive}) the request left out.
 */
final class JsonBody extends RequestBody {
  static final MediaType JSON = MediaType.get("application/json");

  private final Object value;
  private final byte[] bytes;

  private JsonBody(Object value, byte[] bytes) {
    this.value = value;
    this.bytes = bytes;
  }

  static JsonBody of(Object value) {
    return new JsonBody(value, Json.toBytes(value));
  }

  /** This body, or a copy with {@code field} set when the request did not set it. */
  JsonBody withDefault(String field, Object defaultValue) {
    JsonNode tree = value instanceof JsonNode node ? node : Json.toTree(value);
    if (!(tree instanceof ObjectNode object) || object.has(field)) {
      return this;
    }
    ObjectNode copy = object.deepCopy();
    copy.set(field, Json.toTree(defaultValue));
    return of(copy);
  }

  @Override
  public MediaType contentType() {
    return JSON;
  }

  @Override
  public long contentLength() {
    return bytes.length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws java.io.IOException {
    sink.write(bytes);
  }
}
