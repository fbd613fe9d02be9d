package io.github.ollamaclient.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.json.Json;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A function call the model asks for, in an assistant message's {@code tool_calls}: run the
 * function, then answer with {@link Message#tool(String, String)}.
 *
 * <pre>{@code
 * for (ToolCall call : reply.message().toolCalls()) {
 *   Weather args = call.arguments(Weather.class);
 *   history.add(Message.tool(call.name(), lookUp(args.city())));
 * }
 * }</pre>
 *
 * <p>On the wire: {@code {"id": "...", "function": {"index": 0, "name": "...", "arguments":
 * {...}}}}. The id and index are kept as received, so sending the assistant message back in the
 * history repeats them exactly.
 *
 * <p>Read from Ollama's JSON by its own creator, {@link #fromJson}.
 *
 * @param id the call's id, when the server gave one
 * @param name the function's name; empty only when a server sent none
 * @param index the call's position among the calls of one answer ({@code function.index}), when the
 *     server gave one
 * @param arguments the arguments, always a JSON object (empty when there are none); the accessor
 *     returns a copy
 */
@JsonPropertyOrder({"id", "function"})
public record ToolCall(Optional<String> id, String name, OptionalInt index, JsonNode arguments) {

  /**
   * Normalises absent values and copies the arguments.
   *
   * @throws IllegalArgumentException when the arguments are not a JSON object
   */
  public ToolCall {
    id = id == null ? Optional.empty() : id;
    Objects.requireNonNull(name, "name");
    index = index == null ? OptionalInt.empty() : index;
    if (arguments == null) {
      arguments = JsonNodeFactory.instance.objectNode();
    } else if (!arguments.isObject()) {
      throw new IllegalArgumentException(
          "arguments of tool call \""
              + name
              + "\" must be a JSON object, was "
              + arguments.getNodeType());
    } else {
      arguments = arguments.deepCopy();
    }
  }

  /**
   * A call without id or index, for building a history by hand or for tests; {@code arguments} is a
   * {@link JsonNode}, a {@code Map} or any value Jackson turns into a JSON object.
   *
   * @throws IllegalArgumentException when the arguments are not a JSON object
   */
  public static ToolCall of(String name, Object arguments) {
    Objects.requireNonNull(arguments, "arguments");
    return new ToolCall(Optional.empty(), name, OptionalInt.empty(), Json.toTree(arguments));
  }

  /**
   * A tool call as Ollama sends it: the wire format of this record. Ollama sends the arguments as
   * an object; OpenAI-style servers and some proxies send them as a JSON-encoded string, which is
   * parsed.
   *
   * @throws OllamaProtocolException when {@code function} is missing or its arguments are not a
   *     JSON object
   */
  @JsonCreator
  static ToolCall fromJson(
      @JsonProperty("id") String id, @JsonProperty("function") JsonNode function) {
    if (function == null || !function.isObject()) {
      throw new OllamaProtocolException("tool call without a \"function\" object: " + function);
    }
    JsonNode name = function.get("name");
    JsonNode index = function.get("index");
    String text = name != null && name.isTextual() ? name.asText() : "";
    return new ToolCall(
        Optional.ofNullable(id),
        text,
        index != null && index.canConvertToInt() && index.isIntegralNumber()
            ? OptionalInt.of(index.asInt())
            : OptionalInt.empty(),
        wireArguments(name == null ? "" : name.asText(), function.get("arguments")));
  }

  private static JsonNode wireArguments(String name, JsonNode arguments) {
    if (arguments == null || arguments.isNull()) {
      return Json.object();
    }
    if (arguments.isObject()) {
      return arguments;
    }
    if (arguments.isTextual()) {
      String text = arguments.asText();
      if (text.isBlank()) {
        return Json.object();
      }
      try {
        JsonNode parsed = Json.MAPPER.readTree(text);
        if (parsed != null && parsed.isObject()) {
          return parsed;
        }
      } catch (JsonProcessingException e) {
        throw new OllamaProtocolException(
            "arguments of tool call \"" + name + "\" are not JSON: " + e.getOriginalMessage(), e);
      }
    }
    throw new OllamaProtocolException(
        "arguments of tool call \"" + name + "\" are not a JSON object: " + arguments);
  }

  /** The arguments as a JSON object; a copy, so changing it changes nothing here. */
  @Override
  public JsonNode arguments() {
    return arguments.deepCopy();
  }

  /**
   * The arguments converted into the caller's type, such as a record with a field per parameter.
   * Unknown fields are ignored.
   *
   * @throws OllamaProtocolException when the arguments do not fit the type
   */
  public <T> T arguments(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return Json.convertTo(arguments, type, "arguments of tool call \"" + name + "\"");
  }

  @JsonProperty("id")
  private String wireId() {
    return id.orElse(null);
  }

  @JsonProperty("function")
  private ObjectNode wireFunction() {
    ObjectNode function = Json.object();
    index.ifPresent(value -> function.put("index", value));
    function.put("name", name);
    function.set("arguments", arguments);
    return function;
  }
}
