package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

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
}
