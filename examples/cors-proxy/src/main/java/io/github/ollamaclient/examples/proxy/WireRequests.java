package io.github.ollamaclient.examples.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.OllamaJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The request bodies the proxy takes: read within a size and time limit, then either the proxy's
 * own {@code /ask-llm} fields or Ollama's request JSON, which the SDK reads ({@link OllamaJson}):
 * an unknown or ill-typed field is a 400 naming it, never silently dropped or passed on raw.
 */
final class WireRequests {
  private WireRequests() {}

  /**
   * A request body, read up to {@code maxBytes} and within {@code timeout} from the first read, as
   * a JSON object. A client that stops sending is cut off by Tomcat's read timeout ({@code
   * server.tomcat.connection-timeout}, between bytes: Tomcat answers 408 itself); one that keeps
   * trickling bytes is cut off here, since each byte would reset that timeout.
   */
  static Fields read(InputStream body, long maxBytes, Duration timeout) throws IOException {
    int limit = (int) Math.min(Integer.MAX_VALUE - 1, maxBytes);
    long started = System.nanoTime();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n;
        (n = body.read(buffer, 0, Math.min(buffer.length, limit + 1 - received.size()))) >= 0; ) {
      received.write(buffer, 0, n);
      if (received.size() > limit) {
        throw new ApiException(413, GateFilter.tooLarge(maxBytes));
      }
      if (System.nanoTime() - started > timeout.toNanos()) {
        throw slowBody(timeout);
      }
    }
    byte[] bytes = received.toByteArray();
    if (bytes.length == 0) {
      throw ApiException.badRequest("Request body is empty; send a JSON object");
    }
    JsonNode tree;
    try {
      tree = Wire.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new Fields(tree, "request body");
  }

  private static ApiException slowBody(Duration timeout) {
    return new ApiException(
        408,
        "Request body did not arrive within "
            + timeout.toMillis()
            + " ms (app.body-timeout); send it at once");
  }

  /**
   * Ollama's request body read into the SDK's request by {@link OllamaJson}: every field checked by
   * name and type, and by the request's builder, so a bad one is a 400 that names it. The stream
   * flag is the caller's to read.
   */
  static <T> T request(Fields body, Class<T> type) {
    try {
      return OllamaJson.read(body.node, type);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), e);
    }
  }

  /** {@code POST /api/show}: the model's name; {@code name} is Ollama's older spelling. */
  static String showModel(Fields body) {
    body.only("model", "name", "verbose");
    Optional<String> model = body.text("model").or(() -> body.text("name"));
    if (model.isEmpty() || model.get().isBlank()) {
      throw ApiException.badRequest("model is required: the name of the model to show");
    }
    return model.get();
  }

  /** A JSON object whose fields are read by name and type; {@code null} counts as absent. */
  static final class Fields {
    private final JsonNode node;
    private final String where;

    Fields(JsonNode node, String where) {
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest(where + " must be a JSON object");
      }
      this.node = node;
      this.where = where;
    }

    private String name(String field) {
      return where.equals("request body") ? field : where + "." + field;
    }

    /** Rejects every field not named. */
    void only(String... known) {
      Set<String> allowed = Set.of(known);
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw ApiException.badRequest(
              "unknown field \""
                  + name(name)
                  + "\"; known fields: "
                  + String.join(", ", new TreeSet<>(allowed)));
        }
      }
    }

    JsonNode get(String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? null : value;
    }

    Optional<String> text(String field) {
      JsonNode value = get(field);
      if (value == null) {
        return Optional.empty();
      }
      if (!value.isTextual()) {
        throw ApiException.badRequest(name(field) + " must be a string");
      }
      return Optional.of(value.textValue());
    }

    String requiredText(String field) {
      String value = text(field).orElse("");
      if (value.isBlank()) {
        throw ApiException.badRequest(name(field) + " is required and must not be blank");
      }
      return value;
    }

    Optional<Boolean> bool(String field) {
      JsonNode value = get(field);
      if (value == null) {
        return Optional.empty();
      }
      if (!value.isBoolean()) {
        throw ApiException.badRequest(name(field) + " must be true or false");
      }
      return Optional.of(value.booleanValue());
    }
  }
}
