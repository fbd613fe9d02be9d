package io.github.ollamaclient.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.json.Json;
import java.util.Objects;

/**
 * The shape of the answer ({@code format}): any JSON, or JSON that follows a JSON Schema
 * (structured outputs).
 *
 * <pre>{@code
 * Format.json()
 * Format.schema(Map.of("type", "object", "properties", Map.of("age", Map.of("type", "integer"))))
 * }</pre>
 */
public final class Format {
  private static final Format JSON = new Format(null);

  private final JsonNode schema;

  private Format(JsonNode schema) {
    this.schema = schema;
  }

  /** {@code format: "json"}: the answer is a JSON value of the model's choosing. */
  public static Format json() {
    return JSON;
  }

  /**
   * {@code format: <schema>}: the answer follows the JSON Schema given as a tree, a {@code Map}, or
   * any value Jackson can turn into a JSON object.
   *
   * @throws IllegalArgumentException when the schema is not a JSON object
   */
  public static Format schema(Object schema) {
    Objects.requireNonNull(schema, "format schema");
    JsonNode tree = schema instanceof JsonNode node ? node.deepCopy() : Json.toTree(schema);
    if (!tree.isObject()) {
      throw new IllegalArgumentException(
          "format schema must be a JSON object, was " + tree.getNodeType());
    }
    return new Format(tree);
  }

  /**
   * {@code format: <schema>} with the JSON Schema of a Java type, written by {@link
   * io.github.ollamaclient.schema.JsonSchemas#of(Class)}: read the answer back with {@code
   * responseAs(type)}.
   *
   * <pre>{@code
   * record Capital(String country, String city, int population) {}
   *
   * Capital capital = client.generate(GenerateRequest.builder("llama3.2")
   *         .prompt("What is the capital of Canada?")
   *         .format(Format.of(Capital.class))
   *         .build())
   *     .responseAs(Capital.class);
   * }</pre>
   *
   * @throws IllegalArgumentException naming the property path and type when a part of {@code type}
   *     has no JSON Schema (such as {@code Object}, a raw {@code List} or a recursive type)
   */
  public static Format of(Class<?> type) {
    return schema(io.github.ollamaclient.schema.JsonSchemas.of(type));
  }

  /** {@code format} as Ollama takes it: {@code "json"} or a JSON Schema object. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Format fromJson(JsonNode value) {
    if (value.isObject()) {
      return schema(value);
    }
    if (!"json".equals(value.textValue())) {
      throw new IllegalArgumentException("format must be \"json\" or a JSON Schema object");
    }
    return JSON;
  }

  /** The JSON Schema; empty for plain {@code "json"}. */
  public java.util.Optional<JsonNode> schema() {
    return java.util.Optional.ofNullable(schema).map(JsonNode::deepCopy);
  }

  /** The value as sent: the string {@code json} or the schema object. */
  @JsonValue
  Object wireValue() {
    return schema == null ? "json" : schema;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Format that && Objects.equals(schema, that.schema);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(schema);
  }

  @Override
  public String toString() {
    return "Format[" + wireValue() + "]";
  }
}
