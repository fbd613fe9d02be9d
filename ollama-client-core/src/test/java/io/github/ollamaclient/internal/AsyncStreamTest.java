package io.github.ollamaclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.TestAccess;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaStreamException;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncStreamTest {
  private final CallEvents events = new CallEvents();

  @RegisterExtension
  final MockOllama ollama =
      new MockOllama(
          builder -> builder.httpClient(new OkHttpClient.Builder().eventListener(events).build()));

  private final List<StallingBody> bodies = new ArrayList<>();

  private static final ApiCall CALL =
      ApiCall.post("test", "/api/test", Payload.json(Map.of("stream", true)), "m:1b");

  @AfterEach
  void releaseStalledBodies() {
    bodies.forEach(StallingBody::release);
  }

  private CompletableFuture<TestChunk> start(Consumer<TestChunk> onChunk) {
    return TestAccess.transport(ollama.client()).streamAsync(CALL, TestChunk.SPEC, onChunk);
  }

  private void stall(String first, String rest) {
    StallingBody body = new StallingBody(first, rest);
    bodies.add(body);
    ollama.enqueue(body.response());
  }

  private static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
    try {
      future.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the future did not complete within 5 s", e);
    }
    throw new AssertionError("the future completed normally");
  }

  @Test
  void deliversEveryChunkInOrderThenCompletesWithTheWholeAnswer() throws Exception {
    ollama.enqueueNdjson(
        3,
        TestChunk.line("空"),
        TestChunk.line("が"),
        TestChunk.line("青い"),
        TestChunk.finalLine("。"));
    List<String> seen = new CopyOnWriteArrayList<>();

    CompletableFuture<TestChunk> future = start(chunk -> seen.add(chunk.text()));
    // A dependent stage, not a list filled by thenRun: get() on the future can return before the
    // completing thread has run its dependents, so only the stage's own result is race-free.
    CompletableFuture<Integer> seenWhenCompleted = future.thenApply(answer -> seen.size());

    assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo(new TestChunk("空が青い。", true));
    assertThat(seen).containsExactly("空", "が", "青い", "。");
    assertThat(seenWhenCompleted.get(5, TimeUnit.SECONDS)).isEqualTo(4);
  }

  @Test
  void aThrowingCallbackFailsTheFutureWithItsExceptionAndCancelsTheCall() throws Exception {
    stall(TestChunk.line("a") + "\n", TestChunk.finalLine("b") + "\n");
    IllegalStateException boom = new IllegalStateException("boom");

    CompletableFuture<TestChunk> future =
        start(
            chunk -> {
              throw boom;
            });

    assertThat(failureOf(future)).isSameAs(boom);
    assertThat(events.cancelled()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void cancellingTheFutureMidStreamAbortsTheCall() throws Exception {
    stall(TestChunk.line("a") + "\n", TestChunk.finalLine("b") + "\n");
    CountDownLatch firstChunk = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();

    CompletableFuture<TestChunk> future =
        start(
            chunk -> {
              seen.add(chunk.text());
              firstChunk.countDown();
            });
    assertThat(firstChunk.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(future.cancel(true)).isTrue();

    assertThat(events.cancelled()).isEqualTo(1);
    assertThat(future).isCancelled();
    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    ollama.assertNoConnectionInUse();
    assertThat(seen).containsExactly("a");
  }

  @Test
  void anHttpErrorFailsTheFuture() throws Exception {
    ollama.enqueueJson(500, "{\"error\":\"llama runner process has terminated\"}");

    CompletableFuture<TestChunk> future = start(chunk -> {});

    assertThat(failureOf(future))
        .isInstanceOf(OllamaHttpException.class)
        .hasMessageContaining("POST /api/test failed with HTTP 500")
        .hasMessageContaining("llama runner process has terminated");
  }

  @Test
  void aMissingModelFailsTheFutureWithModelNotFound() throws Exception {
    ollama.enqueueJson(404, "{\"error\":\"model \\\"m:1b\\\" not found, try pulling it first\"}");

    assertThat(failureOf(start(chunk -> {}))).isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void aMidStreamErrorFailsTheFutureAfterTheChunksBeforeIt() throws Exception {
    ollama.enqueueNdjson(TestChunk.line("a"), TestChunk.line("b"), "{\"error\":\"out of memory\"}");
    List<String> seen = new CopyOnWriteArrayList<>();

    Throwable failure = failureOf(start(chunk -> seen.add(chunk.text())));

    assertThat(failure)
        .isInstanceOfSatisfying(
            OllamaStreamException.class, e -> assertThat(e.chunksDelivered()).isEqualTo(2));
    assertThat(seen).containsExactly("a", "b");
  }

  @Test
  void aRefusedConnectionFailsTheFuture() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }

    try (var client = ollama.newClientBuilder().baseUrl("http://127.0.0.1:" + port).build()) {
      CompletableFuture<TestChunk> future =
          TestAccess.transport(client).streamAsync(CALL, TestChunk.SPEC, chunk -> {});

      assertThat(failureOf(future))
          .isInstanceOf(OllamaConnectionException.class)
          .hasMessageContaining("Is Ollama running?");
    }
  }
}
