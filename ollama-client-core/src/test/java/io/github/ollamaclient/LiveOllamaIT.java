package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.stream.ResponseStream;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Checks against a real Ollama server. Runs only when {@code OLLAMA_IT_HOST} names one (for example
 * {@code OLLAMA_IT_HOST=127.0.0.1:11434 ./mvnw verify}); otherwise every test here is reported as
 * skipped, with the reason.
 */
@EnabledIfEnvironmentVariable(
    named = "OLLAMA_IT_HOST",
    matches = ".*\\S.*",
    disabledReason = "OLLAMA_IT_HOST is not set: tests against a real Ollama were skipped")
class LiveOllamaIT {
  private static OllamaClient client;

  @BeforeAll
  static void connect() {
    String host = System.getenv("OLLAMA_IT_HOST");
    client = OllamaClient.builder().baseUrl(host).build();
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void serverAnswersItsVersion() {
    assertThat(client.version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void serverIsRunning() {
    assertThat(client.isRunning()).isTrue();
  }

  @Test
  void listAnswersTheInstalledModels() {
    assertThat(client.list()).allSatisfy(model -> assertThat(model.name()).isNotBlank());
  }

  /** The model for the generation tests: {@code OLLAMA_IT_MODEL}, skipped when not installed. */
  private static String installedModel() {
    String model =
        Optional.ofNullable(System.getenv("OLLAMA_IT_MODEL"))
            .orElse("7shi/ezo-gemma-2-jpn:2b-instruct-q8_0");
    assumeTrue(
        client.list().stream().anyMatch(m -> m.name().equals(model) || m.model().equals(model)),
        "model " + model + " is not installed on OLLAMA_IT_HOST (set OLLAMA_IT_MODEL): skipped");
    return model;
  }

  @Test
  void chatStreamsAnAnswerWithStatistics() {
    String model = installedModel();
    try (ResponseStream<ChatResponse> stream =
        client.chatStream(
            ChatRequest.builder(model)
                .message(Message.user("Say hello in one word."))
                .options(Options.builder().numPredict(16).build())
                .build())) {
      ChatResponse whole = stream.aggregate();
      assertThat(whole.message().content()).isNotBlank();
      assertThat(whole.metrics()).get().satisfies(m -> assertThat(m.evalCount()).isPositive());
    }
  }
}
