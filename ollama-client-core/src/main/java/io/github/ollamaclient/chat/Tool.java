package io.github.ollamaclient.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.internal.json.Json;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A function the model may call, offered in {@link ChatRequest.Builder#tool(Tool)}; the model's
 * calls come back as {@link ToolCall}s.
 *
 * <pre>{@code
 * Tool weather = Tool.function("get_weather", "Get the weather in a given city", Map.of(
 *     "type", "object",
 *     "properties", Map.of("city", Map.of("type", "string")),
 *     "required", List.of("city")));
 * }</pre>
 *
 * <p>On the wire: {@code {"type": "function", "function": {"name", "description", "parameters"}}}.
 */
public final class Tool {
  /**
   * OpenAI's rule for function names: ASCII letters, digits, {@code _} and {@code -}, at most 64
   * characters. Models learn tool calling from data in that shape, so another name may be accepted
   * by the server and then never be called right, which is harder to find than an error here.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String name;
  private final String description;
  private final JsonNode parameters;

  private Tool(String name, String description, JsonNode parameters) {
    this.name = name;
    this.description = description;
    this.parameters = parameters;
  }

  /**
   * A function tool.
   *
   * @param name the function's name: letters, digits, {@code _} or {@code -}, 1 to 64 characters
   * @param description what the function does, for the model to decide when to call it
   * @param parametersSchema the JSON Schema of its arguments, as a {@link JsonNode}, a {@code Map}
   *     or any value Jackson turns into a JSON object
   * @throws IllegalArgumentException when the name is not valid or the schema is not a JSON object
   */
  public static Tool function(String name, String description, Object parametersSchema) {
    Objects.requireNonNull(name, "tool name");
    Objects.requireNonNull(description, "tool description");
    Objects.requireNonNull(parametersSchema, "tool parameters");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "tool name must be 1 to 64 letters, digits, '_' or '-', was \"" + name + "\"");
    }
    JsonNode tree =
        parametersSchema instanceof JsonNode node ? node.deepCopy() : Json.toTree(parametersSchema);
    if (!tree.isObject()) {
      throw new IllegalArgumentException(
          "parameters of tool \""
              + name
              + "\" must be a JSON Schema object, was "
              + tree.getNodeType());
    }
    return new Tool(name, description, tree);
  }

  /** The tool type; always {@code function}. */
  public String type() {
    return "function";
  }

  /** The function's name. */
  public String name() {
    return name;
  }

  /** What the function does. */
  public String description() {
    return description;
  }

  /** The JSON Schema of the arguments; a copy. */
  public JsonNode parameters() {
    return parameters.deepCopy();
  }

  @JsonProperty("type")
  private String wireType() {
    return type();
  }

  @JsonProperty("function")
  private ObjectNode wireFunction() {
    ObjectNode function = Json.object();
    function.put("name", name);
    function.put("description", description);
    function.set("parameters", parameters);
    return function;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tool that
        && name.equals(that.name)
        && description.equals(that.description)
        && parameters.equals(that.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, parameters);
  }

  @Override
  public String toString() {
    return "Tool[function " + name + "]";
  }
}
