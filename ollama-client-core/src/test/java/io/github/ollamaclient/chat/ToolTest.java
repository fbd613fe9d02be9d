package io.github.ollamaclient.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.internal.json.Json;
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
  void toolNameWithASpaceIsRejected() {
    assertThatThrownBy(() -> Tool.function("get weather", "d", Map.of("type", "object")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool name must be 1 to 64 letters, digits, '_' or '-'")
        .hasMessageContaining("\"get weather\"");
  }

  @Test
  void emptyOrOverlongToolNameIsRejected() {
    assertThatThrownBy(() -> Tool.function("", "d", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool name");
    assertThatThrownBy(() -> Tool.function("a".repeat(65), "d", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool name");
  }

  @Test
  void toolParametersMustBeAJsonObject() {
    assertThatThrownBy(() -> Tool.function("f", "d", List.of("city")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameters of tool \"f\" must be a JSON Schema object, was ARRAY");
  }
}
