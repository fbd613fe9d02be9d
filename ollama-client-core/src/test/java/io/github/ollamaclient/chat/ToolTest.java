package io.github.ollamaclient.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ToolTest {

  @Test
  void toolCallArgumentsConvertIntoTheCallersType() {
    record Weather(String city, String unit) {}
    ToolCall call = ToolCall.of("get_weather", Map.of("city", "Tokyo", "unit", "celsius"));

    assertThat(call.arguments(Weather.class)).isEqualTo(new Weather("Tokyo", "celsius"));
  }

  @Test
  void toolCallArgumentsThatDoNotFitFailNamingTheTool() {
    record Count(int count) {}
    ToolCall call = ToolCall.of("count_things", Map.of("count", "many"));

    assertThatThrownBy(() -> call.arguments(Count.class))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("arguments of tool call \"count_things\" do not fit Count");
  }

  @Test
  void toolCallArgumentsMustBeAnObject() {
    assertThatThrownBy(() -> ToolCall.of("f", List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("arguments of tool call \"f\" must be a JSON object, was ARRAY");
  }

  @Test
  void toolCallArgumentsCannotBeChangedThroughTheAccessor() {
    ToolCall call =
        new ToolCall(Optional.of("c"), "f", OptionalInt.of(0), MockOllama.json("{\"a\":1}"));

    ((ObjectNode) call.arguments()).put("a", 2);

    assertThat(call.arguments().get("a").asInt()).isEqualTo(1);
  }

  @Test
  void toolSerialisesAsAFunctionTool() {
    Tool tool =
        Tool.function(
            "get_time", "The current time", Map.of("type", "object", "properties", Map.of()));

    assertThat(Json.toTree(tool))
        .isEqualTo(
            MockOllama.json(
                """
                {"type":"function","function":{"name":"get_time","description":"The current time",
                 "parameters":{"type":"object","properties":{}}}}
                """));
  }

  @Test
  void takesAnyToolNameOllamaTakes() {
    // Ollama checks no form of a tool's name (api/types.go ToolFunction.Name is a plain string):
    // MCP's dotted and slashed names, spaces, any length and any script reach the model.
    for (String name :
        List.of("github.create_issue", "fs/read file", "a".repeat(65), "天気", "get-weather")) {
      Tool tool = Tool.function(name, "d", Map.of("type", "object"));

      assertThat(tool.name()).isEqualTo(name);
      assertThat(Json.toTree(tool).at("/function/name").asText()).isEqualTo(name);
    }
  }

  @Test
  void blankToolNameIsRejected() {
    assertThatThrownBy(() -> Tool.function("", "d", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tool name must not be blank, was \"\"");
    assertThatThrownBy(() -> Tool.function(" ", "d", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool name must not be blank");
  }

  @Test
  void toolItemsGoBesideTheFunction() {
    Tool plain = Tool.function("pick", "d", Map.of("type", "object"));
    Tool withItems = plain.withItems(Map.of("type", "string"));

    assertThat(Json.toTree(withItems))
        .isEqualTo(
            MockOllama.json(
                """
                {"type":"function","items":{"type":"string"},"function":{"name":"pick",
                 "description":"d","parameters":{"type":"object"}}}
                """));
    assertThat(Json.toTree(plain).has("items")).isFalse();
    assertThat(plain.items()).isEmpty();
    assertThat(withItems.items()).contains(MockOllama.json("{\"type\":\"string\"}"));
    assertThat(withItems).isNotEqualTo(plain);
  }

  @Test
  void toolParametersMustBeAJsonObject() {
    assertThatThrownBy(() -> Tool.function("f", "d", List.of("city")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameters of tool \"f\" must be a JSON Schema object, was ARRAY");
  }
}
