package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.Logprob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A stream's whole answer is its final chunk with the joined parts put in ({@code withMessage},
 * {@code withText}, ...): each such copy must keep every other component, including any added
 * later, or the whole answer silently loses a field that only passes through. Each answer here has
 * every field Ollama sends, so a component a copy forgets shows as a difference.
 */
class AnswerCopiesTest {
  private static final String METRICS =
      "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":5,\"load_duration\":1,"
          + "\"prompt_eval_count\":2,\"prompt_eval_duration\":1,\"eval_count\":3,"
          + "\"eval_duration\":2,\"logprobs\":[{\"token\":\"a\",\"logprob\":-0.5,"
          + "\"bytes\":[97],\"top_logprobs\":[]}],\"remote_model\":\"big\","
          + "\"remote_host\":\"https://ollama.com\","
          + "\"_debug_info\":{\"rendered_template\":\"<p>\",\"image_count\":1}";

  private static final ChatResponse CHAT =
      OllamaJson.read(
          "{\"model\":\"m\",\"created_at\":\"2026-12-05T10:00:00Z\","
              + "\"message\":{\"role\":\"assistant\",\"content\":\"x\"},"
              + METRICS
              + "}",
          ChatResponse.class);

  private static final GenerateResponse GENERATE =
      OllamaJson.read(
          "{\"model\":\"m\",\"created_at\":\"2026-12-05T10:00:00Z\",\"response\":\"x\","
              + "\"thinking\":\"t\",\"context\":[1,2],\"tool_calls\":[{\"function\":"
              + "{\"name\":\"f\",\"arguments\":{}}}],"
              + METRICS
              + "}",
          GenerateResponse.class);

  private static final List<Logprob> OTHER_LOGPROBS =
      List.of(new Logprob("b", -1.0, List.of(98), List.of()));

  @Test
  void everyFieldIsSetInTheAnswersCopied() {
    assertThat(CHAT).hasNoNullFieldsOrProperties();
    assertThat(CHAT.debugInfo()).isPresent();
    assertThat(CHAT.remote()).isPresent();
    assertThat(CHAT.metrics()).isPresent();
    assertThat(GENERATE.debugInfo()).isPresent();
    assertThat(GENERATE.toolCalls()).isNotEmpty();
  }

  @Test
  void chatCopiesChangeOnlyWhatTheyName() {
    Message other = Message.assistant("joined");
    assertThat(CHAT.withMessage(other))
        .usingRecursiveComparison()
        .ignoringFields("message")
        .isEqualTo(CHAT);
    assertThat(CHAT.withMessage(other).message()).isEqualTo(other);
    assertThat(CHAT.withLogprobs(OTHER_LOGPROBS))
        .usingRecursiveComparison()
        .ignoringFields("logprobs")
        .isEqualTo(CHAT);
    assertThat(CHAT.withLogprobs(OTHER_LOGPROBS).logprobs()).isEqualTo(OTHER_LOGPROBS);
  }

  @Test
  void generateCopiesChangeOnlyWhatTheyName() {
    assertThat(GENERATE.withText("joined", Optional.of("all")))
        .usingRecursiveComparison()
        .ignoringFields("response", "thinking")
        .isEqualTo(GENERATE);
    assertThat(GENERATE.withLogprobs(OTHER_LOGPROBS))
        .usingRecursiveComparison()
        .ignoringFields("logprobs")
        .isEqualTo(GENERATE);
    List<ToolCall> calls = List.of(ToolCall.of("g", Map.of()));
    assertThat(GENERATE.withToolCalls(calls))
        .usingRecursiveComparison()
        .ignoringFields("toolCalls")
        .isEqualTo(GENERATE);
  }
}
