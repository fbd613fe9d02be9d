package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which failures the client tries again, how long it waits, and when it gives up. */
class RetryTest {
  /** Short waits, so the tests take milliseconds; the decisions are the same as the defaults'. */
  private static final RetryPolicy FAST =
      RetryPolicy.builder()
          .initialBackoff(Duration.ofMillis(20))
          .maxBackoff(Duration.ofMillis(100))
          .build();

  private static final String VERSION = "{\"version\":\"0.12.6\"}";
  private static final String CHUNK =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}";
  private static final String FINAL =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:01Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"lo\"},\"done\":true,"
          + "\"done_reason\":\"stop\"}";

  @RegisterExtension final MockOllama ollama = new MockOllama(builder -> builder.retryPolicy(FAST));

  private static ChatRequest chat() {
    return ChatRequest.builder("llama3.2").message(Message.user("Hi")).build();
  }

  private void enqueueBusy() {
    ollama.enqueueJson(
        503, "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}");
  }

  @Test
  void busyServerIsTriedAgainAndTheSecondAnswerReturned() {
    enqueueBusy();
    ollama.enqueueJson(VERSION);

    assertThat(ollama.client().version()).isEqualTo("0.12.6");
    assertThat(ollama.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void rateLimitWaitsAsLongAsRetryAfterSays() {
    ollama.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "1")
            .setHeader("Content-Type", "application/json")
            .body("{\"error\":\"too many requests\"}")
            .build());
    ollama.enqueueJson(VERSION);

    long start = System.nanoTime();
    assertThat(ollama.client().version()).isEqualTo("0.12.6");
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;

    // The backoff alone would be at most 20 ms: only Retry-After explains a second's wait.
    assertThat(waitedMillis).isBetween(950L, 5_000L);
    assertThat(ollama.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void retryAfterIsExposedOnTheException() {
    ollama.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "120")
            .body("{\"error\":\"slow down\"}")
            .build());

    assertThatThrownBy(() -> ollama.client().version())
        .isInstanceOfSatisfying(
            OllamaHttpException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
  }

  @Test
  void retryAfterBeyondTheBudgetIsNotWaitedFor() {
    ollama.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Retry-After", "120")
            .body("{\"error\":\"busy\"}")
            .build());

    long start = System.nanoTime();
    assertThatThrownBy(() -> ollama.client().version())
        .isInstanceOf(OllamaHttpException.class)
        .hasMessageContaining("HTTP 503: busy");
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void refusedConnectionIsTriedAgainUntilTheServerIsUp() throws Exception {
    int port = ollama.server().getPort();
    ollama.server().close();
    RetryPolicy patient =
        RetryPolicy.builder()
            .maxAttempts(20)
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(200))
            .build();
    try (MockWebServer late = new MockWebServer();
        OllamaClient client =
            OllamaClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .retryPolicy(patient)
                .build()) {
      late.enqueue(new MockResponse.Builder().body(VERSION).build());
      CompletableFuture<Void> startsLate =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Thread.sleep(400);
                  late.start(port);
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });

      assertThat(client.version()).isEqualTo("0.12.6");
      startsLate.get(5, TimeUnit.SECONDS);
      assertThat(late.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void exhaustedRetriesThrowTheLastErrorWithTheAttemptCount() {
    enqueueBusy();
    enqueueBusy();
    enqueueBusy();

    assertThatThrownBy(() -> ollama.client().version())
        .isInstanceOfSatisfying(
            OllamaHttpException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(503);
              assertThat(e.errorMessage()).startsWith("server busy");
              assertThat(e.getSuppressed()).hasSize(2);
            })
        .hasMessageContaining("GET /api/version failed with HTTP 503: server busy")
        .hasMessageContaining("gave up after 3 attempts")
        .hasMessageContaining("the retry policy allows 3");
    assertThat(ollama.server().getRequestCount()).isEqualTo(3);
  }

  @Test
  void refusedConnectionGivesUpWithTheAttemptCount() {
    ollama.server().close();

    assertThatThrownBy(() -> ollama.client().version())
        .isExactlyInstanceOf(OllamaConnectionException.class)
        .hasMessageContaining("Could not connect to Ollama")
        .hasMessageContaining("gave up after 3 attempts");
  }

  @Test
  void elapsedBudgetEndsRetriesBeforeTheAttemptLimit() {
    for (int i = 0; i < 5; i++) {
      enqueueBusy();
    }
    RetryPolicy tight =
        FAST.toBuilder()
            .maxAttempts(50)
            .initialBackoff(Duration.ofMillis(200))
            .maxBackoff(Duration.ofMillis(200))
            .maxElapsed(Duration.ofMillis(300))
            .build();
    try (OllamaClient client = ollama.newClientBuilder().retryPolicy(tight).build()) {
      assertThatThrownBy(client::version)
          .isInstanceOf(OllamaHttpException.class)
          .hasMessageContaining("would pass the retry budget of 300 ms");
    }
    assertThat(ollama.server().getRequestCount()).isBetween(2, 3);
  }

  @Test
  void streamThatFailedBeforeItsFirstChunkIsTriedAgain() {
    enqueueBusy();
    ollama.enqueueNdjson(CHUNK, FINAL);

    List<String> texts = new ArrayList<>();
    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(chat())) {
      stream.forEach(chunk -> texts.add(chunk.message().content()));
    }

    assertThat(texts).containsExactly("Hel", "lo");
    assertThat(ollama.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void streamThatDeliveredAChunkIsNeverTriedAgain() {
    ollama.enqueueNdjson(CHUNK);
    ollama.enqueueNdjson(CHUNK, FINAL);

    List<String> texts = new ArrayList<>();
    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(chat())) {
      assertThatThrownBy(() -> stream.forEach(chunk -> texts.add(chunk.message().content())))
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("without its final chunk");
    }

    assertThat(texts).containsExactly("Hel");
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void errorLineInTheMiddleOfAStreamIsNeverTriedAgain() {
    ollama.enqueueNdjson(CHUNK, "{\"error\":\"server busy\"}");
    ollama.enqueueNdjson(CHUNK, FINAL);

    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(chat())) {
      assertThatThrownBy(stream::aggregate)
          .isInstanceOfSatisfying(
              OllamaStreamException.class, e -> assertThat(e.chunksDelivered()).isEqualTo(1));
    }
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void asyncStreamThatFailedBeforeItsFirstChunkIsTriedAgain() throws Exception {
    enqueueBusy();
    ollama.enqueueNdjson(CHUNK, FINAL);

    List<String> texts = new ArrayList<>();
    ChatResponse whole =
        ollama
            .client()
            .chatAsync(chat(), chunk -> texts.add(chunk.message().content()))
            .get(5, TimeUnit.SECONDS);

    assertThat(whole.message().content()).isEqualTo("Hello");
    assertThat(texts).containsExactly("Hel", "lo");
    assertThat(ollama.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void asyncStreamGivesUpWithTheAttemptCount() {
    enqueueBusy();
    enqueueBusy();
    enqueueBusy();

    CompletableFuture<ChatResponse> future = ollama.client().chatAsync(chat(), chunk -> {});

    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(OllamaHttpException.class)
        .hasMessageContaining("gave up after 3 attempts");
  }

  @Test
  void serverErrorOnAPostIsNotTriedAgain() {
    ollama.enqueueJson(500, "{\"error\":\"llama runner process has terminated\"}");
    ollama.enqueueJson(FINAL);

    assertThatThrownBy(() -> ollama.client().chat(chat()))
        .isInstanceOf(OllamaHttpException.class)
        .hasMessageContaining("HTTP 500: llama runner process has terminated")
        .hasMessageNotContaining("attempts");
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void gatewayErrorsAreNotTriedAgainByDefault() {
    ollama.enqueue(new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build());

    assertThatThrownBy(() -> ollama.client().chat(chat()))
        .isInstanceOfSatisfying(
            OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void gatewayErrorsAreTriedAgainWhenThePolicyNamesThem() {
    ollama.enqueue(new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build());
    ollama.enqueueJson(VERSION);

    try (OllamaClient client =
        ollama
            .newClientBuilder()
            .retryPolicy(FAST.toBuilder().retryOnStatus(502).build())
            .build()) {
      assertThat(client.version()).isEqualTo("0.12.6");
    }
    assertThat(ollama.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void missingModelIsNotTriedAgain() {
    ollama.enqueueJson(404, "{\"error\":\"model 'llama3.2' not found\"}");

    assertThatThrownBy(() -> ollama.client().chat(chat()))
        .isInstanceOf(ModelNotFoundException.class);
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void readTimeoutAfterThePostWasSentIsNotTriedAgain() {
    ollama.enqueue(
        new MockResponse.Builder().body(FINAL).headersDelay(2, TimeUnit.SECONDS).build());
    ollama.enqueueJson(FINAL);

    try (OllamaClient client =
        ollama.newClientBuilder().readTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> client.chat(chat()))
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("read timeout (200 ms");
    }
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void disabledPolicyThrowsTheFirstFailure() {
    enqueueBusy();
    ollama.enqueueJson(VERSION);

    try (OllamaClient client = ollama.newClientBuilder().retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(client::version)
          .isInstanceOf(OllamaHttpException.class)
          .hasMessageContaining("HTTP 503")
          .hasMessageNotContaining("attempts");
    }
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
    // The second answer is still queued: take it, so the mock ends clean.
    assertThat(ollama.client().version()).isEqualTo("0.12.6");
  }

  @Test
  void defaultPolicyRetriesThreeTimesWithinThirtySecondsOn429And503() {
    RetryPolicy defaults = RetryPolicy.defaults();

    assertThat(defaults.maxAttempts()).isEqualTo(3);
    assertThat(defaults.maxElapsed()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
    assertThat(defaults.retryStatuses()).containsExactly(429, 503);
    assertThat(RetryPolicy.none().isEnabled()).isFalse();
  }

  @Test
  void invalidPolicySettingsAreRejectedByName() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().retryOnStatus(404))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("404");
    assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBackoff");
  }
}
