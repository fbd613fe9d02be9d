package io.github.ollamaclient.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.json.Json;
import java.util.Objects;
import java.util.Optional;

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
 * <p>On the wire: {@code {"type": "function", "function": {"name", "description", "parameters"}}},
 * and {@code items} beside {@code function} when set.
 */
public final class Tool {
  private final String name;
  private final String description;
  private final JsonNode parameters;
  private final JsonNode items;

  private Tool(String name, String description, JsonNode parameters, JsonNode items) {
    this.name = name;
    this.description = description;
    this.parameters = parameters;
    this.items = items;
  }

  /**
   * A function tool.
   *
   * @param name the function's name: any text that is not blank, as Ollama takes it (it checks no
   *     form; dotted or slashed names such as MCP's {@code server.tool} are fine). Models learnt
   *     tool calling mostly from names of letters, digits, {@code _} and {@code -}, so prefer those
   *     where the name is yours to choose
   * @param description what the function does, for the model to decide when to call it
   * @param parametersSchema the JSON Schema of its arguments, as a {@link JsonNode}, a {@code Map}
   *     or any value Jackson turns into a JSON object
   * @throws IllegalArgumentException when the name is blank or the schema is not a JSON object
   */
  public static Tool function(String name, String description, Object parametersSchema) {
    Objects.requireNonNull(name, "tool name");
    Objects.requireNonNull(description, "tool description");
    Objects.requireNonNull(parametersSchema, "tool parameters");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool name must not be blank, was \"" + name + "\"");
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
    return new Tool(name, description, tree, null);
  }

  /**
   * This tool with {@code items} beside {@code function} ({@code Tool.items} of Ollama 0.33,
   * free-form there too): a JSON Schema for tools whose input is a list, passed to the model's
   * template as given.
   *
   * @param items a {@link JsonNode}, a {@code Map} or any value Jackson turns into JSON
   */
  public Tool withItems(Object items) {
    Objects.requireNonNull(items, "tool items");
    JsonNode tree = items instanceof JsonNode node ? node.deepCopy() : Json.toTree(items);
    return new Tool(name, description, parameters, tree);
  }

  /** A tool as Ollama takes it; only {@code "type": "function"} is known. */
  @JsonCreator
  static Tool fromJson(
      @JsonProperty("type") String type,
      @JsonProperty("function") WireFunction function,
      @JsonProperty("items") JsonNode items) {
    if (type != null && !type.equals("function")) {
      throw new IllegalArgumentException("type must be \"function\", was \"" + type + "\"");
    }
    if (function == null) {
      throw new IllegalArgumentException(
          "function is required: {\"name\", \"description\", \"parameters\"}");
    }
    Tool tool =
        function(
            function.name(),
            function.description() == null ? "" : function.description(),
            function.parameters() == null ? Json.object() : function.parameters());
    return items == null ? tool : tool.withItems(items);
  }

  /** {@code function} as Ollama takes it. */
  private record WireFunction(
      @JsonProperty("name") String name,
      @JsonProperty("description") String description,
      @JsonProperty("parameters") JsonNode parameters) {
    @JsonCreator
    WireFunction {}
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

  /** The {@code items} set with {@link #withItems(Object)}; a copy. */
  public Optional<JsonNode> items() {
    return Optional.ofNullable(items).map(JsonNode::deepCopy);
  }

  @JsonProperty("type")
  private String wireType() {
    return type();
  }

  @JsonProperty("items")
  private JsonNode wireItems() {
    return items;
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
        && parameters.equals(that.parameters)
        && Objects.equals(items, that.items);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, parameters, items);
  }

  @Override
  public String toString() {
    return "Tool[function " + name + "]";
  }
}
