package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code ollama.max-response-size} and {@code ollama.truncation-check} properties. */
class OllamaClientLimitPropertiesTest {
  /** A chat answer whose prompt is long enough to be worth a context-length lookup. */
  private static final String LONG_PROMPT_ANSWER =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:01Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\".\"},\"done\":true,"
          + "\"done_reason\":\"stop\",\"prompt_eval_count\":4096,\"eval_count\":1}";

  private static final String PS =
      "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\","
          + "\"context_length\":4096}]}";

  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner().withConfiguration(OllamaAutoConfigurations.all());

  private static ChatRequest chat() {
    return ChatRequest.builder("llama3.2").message(Message.user("word ".repeat(3000))).build();
  }

  @Test
  void maxResponseSizeBoundsAnAnswer() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.max-response-size=1KB")
        .run(
            context -> {
              ollama.enqueueVersion("x".repeat(2000));
              assertThatThrownBy(() -> context.getBean(OllamaClient.class).version())
                  .isInstanceOf(OllamaProtocolException.class)
                  .hasMessageContaining("1024");
            });
  }

  @Test
  void theDefaultSizeTakesTheSameAnswer() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueVersion("x".repeat(2000));
              assertThat(context.getBean(OllamaClient.class).version()).hasSize(2000);
            });
  }

  @Test
  void aSizeThatIsNotPositiveFailsTheStartNamingTheProperty() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.max-response-size=0B")
        .run(
            context -> {
              Throwable failure = context.getStartupFailure();
              while (failure != null && !(failure instanceof InvalidOllamaPropertyException)) {
                failure = failure.getCause();
              }
              assertThat(failure)
                  .as("an InvalidOllamaPropertyException in the start-up failure")
                  .isNotNull()
                  .hasMessageContaining("ollama.max-response-size")
                  .hasMessageContaining("must be positive");
            });
  }

  @Test
  void truncationCheckLookupAsksPsForTheContextLength() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.truncation-check=lookup")
        .run(
            context -> {
              ollama.enqueueNdjson(LONG_PROMPT_ANSWER);
              ollama.enqueue(200, PS);
              context.getBean(OllamaClient.class).chat(chat());
              assertThat(ollama.takeRequest().getUrl().encodedPath()).isEqualTo("/api/chat");
              assertThat(ollama.takeRequest().getUrl().encodedPath()).isEqualTo("/api/ps");
            });
  }

  @Test
  void byDefaultNoLookupIsMade() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueNdjson(LONG_PROMPT_ANSWER);
              context.getBean(OllamaClient.class).chat(chat());
              assertThat(ollama.requestCount()).isEqualTo(1);
            });
  }
}
