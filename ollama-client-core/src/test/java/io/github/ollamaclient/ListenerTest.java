package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.HasMetrics;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.internal.ApiCall;
import io.github.ollamaclient.internal.Payload;
import io.github.ollamaclient.internal.StreamSpec;
import io.github.ollamaclient.json.Json;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.stream.ResponseStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListenerTest {
  private final List<CallEvent> events = new CopyOnWriteArrayList<>();

  @RegisterExtension
  final MockOllama ollama = new MockOllama(builder -> builder.listener(events::add));

  /** A chunk type of this test's own, carrying statistics like chat and generate chunks. */
  record Chunk(String text, boolean done, Optional<Metrics> metrics) implements HasMetrics {
    @JsonCreator
    static Chunk fromJson(
        @JsonProperty("text") String text,
        @JsonProperty("done") boolean done,
        @JsonProperty("eval_count") Integer evalCount,
        @JsonProperty("eval_duration") Long evalDuration) {
      Optional<Metrics> metrics =
          done
              ? Optional.of(
                  new Metrics(
                      Duration.ZERO,
                      Duration.ZERO,
                      0,
                      Duration.ZERO,
                      evalCount == null ? 0 : evalCount,
                      Json.nanos(evalDuration)))
              : Optional.empty();
      return new Chunk(text, done, metrics);
    }
  }

  private ResponseStream<Chunk> openStream() {
    StreamSpec<Chunk> spec =
        StreamSpec.of(Chunk.class, Chunk::done, StreamSpec.LastChunk::new, "done: true");
    return ollama.client().transport().stream(
        ApiCall.post(
            "chat",
            "/api/chat",
            Payload.json(Map.of("model", "llama3.2", "messages", List.of())),
            "llama3.2"),
        spec);
  }

  @Test
  void eachCallIsNamedAfterTheClientMethodNotItsPath() {
    String done = "{\"model\":\"m\",\"response\":\"\",\"done\":true}";
    ollama.enqueueJson(done);
    ollama.enqueueJson(done);
    ollama.enqueueJson(done);
    ollama.enqueueJson("{\"models\":[]}");
    ollama.enqueue(new mockwebserver3.MockResponse.Builder().code(404).build());
    ollama.enqueueJson("{}");

    ollama.client().generate(GenerateRequest.builder("m").prompt("hi").build());
    ollama.client().load("m");
    ollama.client().unload("m");
    ollama.client().list();
    ollama.client().blobExists("sha256:" + "0".repeat(64));
    ollama.client().delete("m");

    assertThat(events)
        .extracting(event -> event.operation() + " " + event.method() + " " + event.path())
        .containsExactly(
            "generate POST /api/generate",
            "load POST /api/generate",
            "unload POST /api/generate",
            "list GET /api/tags",
            "blobExists HEAD /api/blobs/sha256:" + "0".repeat(64),
            "delete DELETE /api/delete");
  }

  @Test
  void successfulCallIsReported() {
    ollama.enqueueJson("{\"version\":\"0.12.6\"}");

    ollama.client().version();

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.operation()).isEqualTo("version");
              assertThat(event.method()).isEqualTo("GET");
              assertThat(event.path()).isEqualTo("/api/version");
              assertThat(event.outcome()).isEqualTo(CallEvent.Outcome.SUCCESS);
              assertThat(event.streamed()).isFalse();
              assertThat(event.duration()).isPositive();
              assertThat(event.error()).isEmpty();
            });
  }

  @Test
  void failedCallIsReportedWithItsError() {
    ollama.enqueueJson(500, "{\"error\":\"boom\"}");

    assertThatThrownBy(() -> ollama.client().version()).isInstanceOf(OllamaHttpException.class);

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.outcome()).isEqualTo(CallEvent.Outcome.ERROR);
              assertThat(event.error()).get().isInstanceOf(OllamaHttpException.class);
            });
  }

  @Test
  void streamIsReportedOnceWhenItsFinalChunkArrivesWithTheStatistics() {
    ollama.enqueueNdjson(
        "{\"text\":\"a\",\"done\":false}",
        "{\"text\":\"b\",\"done\":true,\"eval_count\":2,\"eval_duration\":1000000}");

    try (ResponseStream<Chunk> stream = openStream()) {
      stream.forEach(chunk -> {});
    }

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.operation()).isEqualTo("chat");
              assertThat(event.model()).contains("llama3.2");
              assertThat(event.streamed()).isTrue();
              assertThat(event.outcome()).isEqualTo(CallEvent.Outcome.SUCCESS);
              assertThat(event.metrics()).get().extracting(Metrics::evalCount).isEqualTo(2);
              assertThat(event.metrics().orElseThrow().evalDuration())
                  .isEqualTo(Duration.ofMillis(1));
            });
  }

  @Test
  void streamClosedEarlyIsReportedAsCancelled() {
    ollama.enqueueNdjson("{\"text\":\"a\",\"done\":false}", "{\"text\":\"b\",\"done\":false}");

    try (ResponseStream<Chunk> stream = openStream()) {
      stream.iterator().next();
    }

    assertThat(events)
        .singleElement()
        .extracting(CallEvent::outcome)
        .isEqualTo(CallEvent.Outcome.CANCELLED);
  }

  @Test
  void streamCutShortIsReportedAsAnError() {
    ollama.enqueueNdjson("{\"text\":\"a\",\"done\":false}");

    try (ResponseStream<Chunk> stream = openStream()) {
      assertThatThrownBy(() -> stream.forEach(chunk -> {}))
          .isInstanceOf(OllamaProtocolException.class);
    }

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.outcome()).isEqualTo(CallEvent.Outcome.ERROR);
              assertThat(event.error()).get().isInstanceOf(OllamaProtocolException.class);
            });
  }

  @Test
  void generateAnswerReportsItsTokenCounts() {
    ollama.enqueueJson(
        """
        {"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","response":"Hi",
         "done":true,"done_reason":"stop","prompt_eval_count":26,"eval_count":2,
         "eval_duration":1000}
        """);

    ollama.client().generate(GenerateRequest.builder("llama3.2").prompt("Hello").build());

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.operation()).isEqualTo("generate");
              assertThat(event.model()).contains("llama3.2");
              assertThat(event.metrics().orElseThrow().promptEvalCount()).isEqualTo(26);
              assertThat(event.metrics().orElseThrow().evalCount()).isEqualTo(2);
            });
  }

  @Test
  void chatStreamReportsTheFinalChunksTokenCounts() {
    ollama.enqueueNdjson(
        "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
            + "\"done\":false}",
        "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"done\":true,\"prompt_eval_count\":12,\"eval_count\":1}");

    try (ResponseStream<ChatResponse> stream =
        ollama
            .client()
            .chatStream(ChatRequest.builder("llama3.2").message(Message.user("Hello")).build())) {
      stream.aggregate();
    }

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.operation()).isEqualTo("chat");
              assertThat(event.streamed()).isTrue();
              assertThat(event.metrics().orElseThrow().promptEvalCount()).isEqualTo(12);
            });
  }

  @Test
  void aListenerThatThrowsNeverBreaksTheCall() {
    ollama.enqueueJson("{\"version\":\"0.12.6\"}");
    try (OllamaClient client =
        ollama
            .newClientBuilder()
            .listener(
                event -> {
                  throw new IllegalStateException("listener bug");
                })
            .build()) {

      assertThat(client.version()).isEqualTo("0.12.6");
    }
  }
}
