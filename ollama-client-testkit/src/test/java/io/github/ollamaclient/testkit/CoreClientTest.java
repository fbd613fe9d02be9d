package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's own client against the fake. */
class CoreClientTest {
  @RegisterExtension final FakeOllama ollama = FakeOllama.create().withVersion("0.12.6");

  @Test
  void readsTheVersionAndSeesTheServerRunning() {
    try (OllamaClient client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build()) {
      assertThat(client.version()).isEqualTo("0.12.6");
      assertThat(client.isRunning()).isTrue();
    }
    assertThat(ollama.requests()).extracting(RecordedRequest::path).contains("/api/version", "/");
  }

  @Test
  void seesTheServerGoneOnceClosed() {
    try (OllamaClient client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build()) {
      ollama.close();

      assertThat(client.isRunning()).isFalse();
    }
  }
}
