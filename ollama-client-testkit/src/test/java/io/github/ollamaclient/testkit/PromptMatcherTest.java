package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which requests the built-in matchers accept. */
class PromptMatcherTest {
  private static RecordedRequest chat(String messagesJson) {
    String body = "{\"model\":\"llama3.2\",\"messages\":" + messagesJson + "}";
    return new RecordedRequest(
        0, "POST", "/api/chat", "", Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static final RecordedRequest AFTER_TOOL =
      chat(
          """
          [{"role":"user","content":"weather?"},
           {"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{}}}]},
           {"role":"tool","content":"sunny","tool_name":"get_weather"}]
          """);

  private static final RecordedRequest FIRST_TURN =
      chat("[{\"role\":\"user\",\"content\":\"weather?\"}]");

  @Test
  void toolResultMatchesAChatWhoseLastMessageIsAToolResult() {
    assertThat(PromptMatcher.toolResult().matches(AFTER_TOOL)).isTrue();
    assertThat(PromptMatcher.toolResult().matches(FIRST_TURN)).isFalse();
  }

  @Test
  void toolResultWithANameMatchesOnlyThatTool() {
    assertThat(PromptMatcher.toolResult("get_weather").matches(AFTER_TOOL)).isTrue();
    assertThat(PromptMatcher.toolResult("get_time").matches(AFTER_TOOL)).isFalse();
  }

  @Test
  void toolResultNeverMatchesAGenerateRequest() {
    RecordedRequest generate =
        new RecordedRequest(
            0,
            "POST",
            "/api/generate",
            "",
            Map.of(),
            "{\"model\":\"llama3.2\",\"prompt\":\"tool\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(PromptMatcher.toolResult().matches(generate)).isFalse();
  }

  @Test
  void containsStillMatchesTheLastUserMessageAfterAToolResult() {
    assertThat(PromptMatcher.contains("WEATHER").matches(AFTER_TOOL)).isTrue();
  }
}
