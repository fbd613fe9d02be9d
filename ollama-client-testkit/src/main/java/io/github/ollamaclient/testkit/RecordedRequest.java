package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request the fake received, decoded for assertions. Immutable.
 *
 * <pre>{@code
 * RecordedRequest request = ollama.takeRequest();
 * assertThat(request.path()).isEqualTo("/api/chat");
 * assertThat(request.model()).isEqualTo("llama3.2");
 * assertThat(request.header("Authorization")).hasValue("Bearer secret");
 * assertThat(request.options().path("temperature").asDouble()).isEqualTo(0.2);
 * }</pre>
 */
public final class RecordedRequest {
  private final int sequenceNumber;
  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final byte[] bodyBytes;
  private final JsonNode body;

  RecordedRequest(
      int sequenceNumber,
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      byte[] bodyBytes) {
    this.sequenceNumber = sequenceNumber;
    this.method = method;
    this.path = path;
    this.query = query;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(values));
    copy.replaceAll((name, values) -> List.copyOf(values));
    this.headers = Collections.unmodifiableMap(copy);
    this.bodyBytes = bodyBytes.clone();
    this.body = parse(bodyBytes);
  }

  private static JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = Wire.JSON.readTree(bytes);
      return node == null ? MissingNode.getInstance() : node;
    } catch (java.io.IOException e) {
      return MissingNode.getInstance();
    }
  }

  /** The 0-based position of this request among all the fake received since its last reset. */
  public int sequenceNumber() {
    return sequenceNumber;
  }

  /** The HTTP method, such as {@code POST}. */
  public String method() {
    return method;
  }

  /** The path without the query, such as {@code /api/chat}. */
  public String path() {
    return path;
  }

  /** The raw query string, {@code ""} when none. */
  public String query() {
    return query;
  }

  /** Every header, names in lower case, values in order received. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of header {@code name} (any case), if sent. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The raw body bytes (a copy). */
  public byte[] bodyBytes() {
    return bodyBytes.clone();
  }

  /** The body as UTF-8 text, {@code ""} when empty. */
  public String bodyText() {
    return new String(bodyBytes, StandardCharsets.UTF_8);
  }

  /**
   * The body parsed as JSON: a {@code MissingNode} when empty or not JSON (never {@code null}; a
   * deep copy, so callers cannot change the record).
   */
  public JsonNode body() {
    return body.deepCopy();
  }

  /** The {@code model} field, {@code ""} when absent. */
  public String model() {
    return body.path("model").asText("");
  }

  /** The chat {@code messages}, empty when absent. */
  public List<JsonNode> messages() {
    return elements(body.path("messages"));
  }

  /** The chat {@code tools}, empty when absent. */
  public List<JsonNode> tools() {
    return elements(body.path("tools"));
  }

  /** The generate {@code prompt}, {@code ""} when absent. */
  public String prompt() {
    return body.path("prompt").asText("");
  }

  /** The content of the last {@code user} message of a chat, {@code ""} when none. */
  public String lastUserMessage() {
    List<JsonNode> messages = messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) {
        return messages.get(i).path("content").asText("");
      }
    }
    return "";
  }

  /**
   * The text replies are matched on: the generate {@code prompt}, else the last user message of a
   * chat, else {@code ""}.
   */
  public String userText() {
    return body.has("prompt") ? prompt() : lastUserMessage();
  }

  /** The {@code options} object, an empty object when absent. */
  public JsonNode options() {
    JsonNode options = body.path("options");
    return options.isObject() ? options.deepCopy() : Wire.object();
  }

  /** The {@code format}: the string {@code "json"} or a JSON Schema object, when sent. */
  public Optional<JsonNode> format() {
    return present(body.path("format"));
  }

  /** The {@code think} value ({@code true}/{@code false} or a level), when sent. */
  public Optional<JsonNode> think() {
    return present(body.path("think"));
  }

  /** The {@code keep_alive} value (seconds or a Go duration string), when sent. */
  public Optional<JsonNode> keepAlive() {
    return present(body.path("keep_alive"));
  }

  /** The {@code stream} flag; Ollama's default when absent is {@code true}. */
  public boolean stream() {
    return body.path("stream").asBoolean(true);
  }

  private static Optional<JsonNode> present(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.deepCopy());
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(element -> list.add(element.deepCopy()));
    }
    return Collections.unmodifiableList(list);
  }

  @Override
  public String toString() {
    String text = bodyText();
    return method
        + " "
        + path
        + (query.isEmpty() ? "" : "?" + query)
        + (text.isEmpty()
            ? ""
            : " " + (text.length() > 500 ? text.substring(0, 500) + "..." : text));
  }
}
