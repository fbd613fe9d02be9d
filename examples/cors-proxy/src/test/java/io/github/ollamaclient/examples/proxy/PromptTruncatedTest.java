package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The page is told when Ollama likely cut its prompt: the fake loads the model with 4096 tokens of
 * context (as {@code /api/ps} says), and a long prompt's {@code prompt_eval_count} reaches that.
 */
@TestPropertySource(properties = "app.prompt-truncation-lookup=true")
class PromptTruncatedTest extends ProxyTestBase {
  /** About 5,000 tokens as the fake counts them. */
  private static final String LONG = "word ".repeat(4000);

  private HttpResponse<String> chat(String text, boolean stream) throws Exception {
    return post(
        "/api/chat",
        "{\"model\": \"%s\", \"stream\": %s, \"messages\": [{\"role\": \"user\", \"content\": \"%s\"}]}"
            .formatted(DEFAULT_MODEL, stream, text));
  }

  @Test
  void aStreamsLastLineSaysThePromptFilledTheContext() throws Exception {
    HttpResponse<String> response = chat(LONG, true);

    String[] lines = response.body().split("\n");
    JsonNode last = json(lines[lines.length - 1]);
    assertThat(last.path("done").asBoolean()).isTrue();
    assertThat(last.path("prompt_truncated").path("context_length").asInt()).isEqualTo(4096);
    assertThat(last.path("prompt_truncated").path("prompt_eval_count").asInt())
        .isEqualTo(last.path("prompt_eval_count").asInt())
        .isGreaterThanOrEqualTo(4096);
    for (int i = 0; i < lines.length - 1; i++) {
      assertThat(json(lines[i]).has("prompt_truncated")).isFalse();
    }
  }

  @Test
  void aWholeAnswerSaysSoToo() throws Exception {
    JsonNode answer = json(chat(LONG, false).body());

    assertThat(answer.path("prompt_truncated").path("context_length").asInt()).isEqualTo(4096);
  }

  @Test
  void aPromptThatFitsSaysNothing() throws Exception {
    JsonNode answer = json(chat("hello", false).body());

    assertThat(answer.has("prompt_truncated")).isFalse();
    assertThat(answer.path("done").asBoolean()).isTrue();
  }
}
