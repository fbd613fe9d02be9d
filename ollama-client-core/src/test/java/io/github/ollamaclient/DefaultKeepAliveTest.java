package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbeddingsRequest;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.retry.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DefaultKeepAliveTest {
  private static final String DONE =
      "{\"model\":\"m\",\"created_at\":\"2024-01-01T00:00:00Z\",\"response\":\"\",\"done\":true}";

  @RegisterExtension
  final MockOllama ollama =
      new MockOllama(
          builder ->
              builder
                  .defaultKeepAlive(KeepAlive.of(Duration.ofMinutes(30)))
                  .retryPolicy(
                      RetryPolicy.builder()
                          .maxAttempts(2)
                          .initialBackoff(Duration.ofMillis(1))
                          .build()));

  @Test
  void isAddedAfterTheFieldsOfAChatThatSetsNone() {
    ollama.enqueueJson(
        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"done\":true}");

    ollama.client().chat(ChatRequest.builder("m").message(Message.user("hi")).build());

    assertThat(ollama.takeRequest().getBody().utf8())
        .isEqualTo(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"stream\":true,\"keep_alive\":\"30m\"}");
  }

  @Test
  void neverReplacesTheRequestsOwnValue() {
    ollama.enqueueJson(DONE);

    ollama
        .client()
        .generate(GenerateRequest.builder("m").prompt("hi").keepAlive(KeepAlive.UNLOAD).build());

    JsonNode sent = ollama.takeJsonBody();
    assertThat(sent.get("keep_alive").asInt()).isZero();
    assertThat(sent.toString()).containsOnlyOnce("keep_alive");
  }

  @Test
  void goesWithEveryCallThatLoadsAModel() {
    ollama.enqueueJson("{\"model\":\"m\",\"embeddings\":[[0.5]]}");
    ollama.enqueueJson("{\"embedding\":[0.5]}");
    ollama.enqueueJson(DONE);
    ollama.enqueueNdjson(DONE);

    ollama.client().embed(EmbedRequest.builder("m").input("a").build());
    @SuppressWarnings("deprecation")
    var unused = ollama.client().embeddings(EmbeddingsRequest.builder("m").prompt("a").build());
    ollama.client().load("m");
    try (var stream = ollama.client().generateStream(GenerateRequest.builder("m").build())) {
      stream.aggregate();
    }

    for (String path : new String[] {"/api/embed", "/api/embeddings", "/api/generate"}) {
      RecordedRequest request = ollama.takeRequest();
      assertThat(request.getUrl().encodedPath()).isEqualTo(path);
      assertThat(MockOllama.parse(request).get("keep_alive").asText()).isEqualTo("30m");
    }
    JsonNode streamed = ollama.takeJsonBody();
    assertThat(streamed.get("stream").asBoolean()).isTrue();
    assertThat(streamed.get("keep_alive").asText()).isEqualTo("30m");
  }

  @Test
  void isNotSentToCallsWithoutAModelLoad() {
    ollama.enqueueJson("{\"modelfile\":\"FROM m\"}");

    ollama.client().show("m");

    assertThat(ollama.takeJsonBody().has("keep_alive")).isFalse();
  }

  @Test
  void aRetriedCallSendsTheSameBytes() throws InterruptedException {
    ollama.enqueueJson(503, "{\"error\":\"server busy, maximum pending requests exceeded\"}");
    ollama.enqueueJson(DONE);

    ollama.client().generate(GenerateRequest.builder("m").prompt("hi").build());

    RecordedRequest first = ollama.server().takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest second = ollama.server().takeRequest(5, TimeUnit.SECONDS);
    assertThat(second.getBody()).isEqualTo(first.getBody());
  }
}
