package io.github.ollamaclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.TestAccess;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaCancelledException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NdjsonResponseStreamTest {
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

  private ResponseStream<TestChunk> open() {
    return transport().stream(CALL, TestChunk.SPEC);
  }

  private Transport transport() {
    return TestAccess.transport(ollama.client());
  }

  private StallingBody stall(String first, String rest) {
    StallingBody body = new StallingBody(first, rest);
    bodies.add(body);
    ollama.enqueue(body.response());
    return body;
  }

  /** A 200 NDJSON response whose body is exactly {@code body}, line endings included. */
  private static MockResponse ndjson(String body) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/x-ndjson")
        .chunkedBody(body, 3)
        .build();
  }

  private static List<String> texts(ResponseStream<TestChunk> stream) {
    List<String> texts = new ArrayList<>();
    for (TestChunk chunk : stream) {
      texts.add(chunk.text());
    }
    return texts;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void chunkBoundariesInsideLinesAndMultiByteCharactersDoNotMatter(int chunkBytes) {
    ollama.enqueueNdjson(
        chunkBytes,
        TestChunk.line("空が青いのは"),
        TestChunk.line("レイリー散乱のためです。"),
        TestChunk.line("🌈 é ß"),
        TestChunk.finalLine("。"));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(texts(stream)).containsExactly("空が青いのは", "レイリー散乱のためです。", "🌈 é ß", "。");
      assertThat(stream.aggregate().text()).isEqualTo("空が青いのはレイリー散乱のためです。🌈 é ß。");
    }
  }

  @Test
  void throttledBodiesDeliverEveryChunkIntact() {
    String body =
        String.join(
                "\n",
                TestChunk.line("ゆっくり"),
                TestChunk.line(" and slowly"),
                TestChunk.finalLine("!"))
            + "\n";
    ollama.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .body(body)
            .throttleBody(5, 2, TimeUnit.MILLISECONDS)
            .build());

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(texts(stream)).containsExactly("ゆっくり", " and slowly", "!");
    }
  }

  @Test
  void blankLinesAndCarriageReturnsAreSkipped() {
    ollama.enqueue(
        ndjson(
            "\r\n"
                + TestChunk.line("a")
                + "\r\n\r\n\n"
                + TestChunk.line("b")
                + "\r\n"
                + TestChunk.finalLine("c")
                + "\r\n"));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(texts(stream)).containsExactly("a", "b", "c");
    }
  }

  @Test
  void aLastLineWithoutNewlineIsRead() {
    ollama.enqueue(ndjson(TestChunk.line("a") + "\n" + TestChunk.finalLine("b")));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(texts(stream)).containsExactly("a", "b");
      assertThat(stream.finalChunk()).contains(new TestChunk("b", true));
    }
  }

  @Test
  void finalChunkIsEmptyBeforeTheEndAndPresentAfter() {
    ollama.enqueueNdjson(TestChunk.line("a"), TestChunk.finalLine("b"));

    try (ResponseStream<TestChunk> stream = open()) {
      Iterator<TestChunk> chunks = stream.iterator();
      assertThat(chunks.next().text()).isEqualTo("a");
      assertThat(stream.finalChunk()).isEmpty();
      assertThat(chunks.next().text()).isEqualTo("b");
      assertThat(stream.finalChunk()).contains(new TestChunk("b", true));
      assertThat(chunks.hasNext()).isFalse();
    }
  }

  @Test
  void aggregateIncludesChunksAlreadyIterated() {
    ollama.enqueueNdjson(TestChunk.line("a"), TestChunk.line("b"), TestChunk.finalLine("c"));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(stream.iterator().next().text()).isEqualTo("a");
      assertThat(stream.aggregate()).isEqualTo(new TestChunk("abc", true));
    }
  }

  @Test
  void closeMidStreamCancelsTheCallAndFreesTheConnection() throws InterruptedException {
    stall(TestChunk.line("a") + "\n", TestChunk.finalLine("b") + "\n");

    ResponseStream<TestChunk> stream = open();
    assertThat(stream.iterator().next().text()).isEqualTo("a");
    stream.close();

    assertThat(stream.isCancelled()).isTrue();
    assertThat(events.cancelled()).isEqualTo(1);
    ollama.assertNoConnectionInUse();
  }

  @Test
  void cancelFromAnotherThreadEndsABlockedIterationPromptly() throws Exception {
    stall(TestChunk.line("a") + "\n", TestChunk.finalLine("b") + "\n");
    CountDownLatch firstChunk = new CountDownLatch(1);
    AtomicReference<Object> outcome = new AtomicReference<>();

    try (ResponseStream<TestChunk> stream = open()) {
      Thread reader =
          new Thread(
              () -> {
                try {
                  List<String> seen = new ArrayList<>();
                  for (TestChunk chunk : stream) {
                    seen.add(chunk.text());
                    firstChunk.countDown();
                  }
                  outcome.set(seen);
                } catch (RuntimeException e) {
                  outcome.set(e);
                }
              });
      reader.start();
      assertThat(firstChunk.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(100); // the reader is now blocked waiting for the next bytes

      long start = System.nanoTime();
      stream.cancel();
      reader.join(5_000);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
      assertThat(reader.isAlive()).isFalse();
      assertThat(outcome.get()).isEqualTo(List.of("a"));
      assertThat(stream.isCancelled()).isTrue();
    }
  }

  @Test
  void closeFromAnotherThreadEndsABlockedIterationAndFreesTheConnection() throws Exception {
    stall(TestChunk.line("a") + "\n", TestChunk.finalLine("b") + "\n");
    CountDownLatch firstChunk = new CountDownLatch(1);
    AtomicReference<Object> outcome = new AtomicReference<>();
    ResponseStream<TestChunk> stream = open();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (TestChunk chunk : stream) {
                  firstChunk.countDown();
                }
                outcome.set("ended");
              } catch (RuntimeException e) {
                outcome.set(e);
              }
            });
    reader.start();
    assertThat(firstChunk.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);

    stream.close();
    reader.join(5_000);

    assertThat(outcome.get()).isEqualTo("ended");
    assertThat(stream.isCancelled()).isTrue();
    ollama.assertNoConnectionInUse();
  }

  @Test
  void aggregateAfterCancelThrowsCancelled() {
    stall(TestChunk.line("a") + "\n", TestChunk.finalLine("b") + "\n");

    try (ResponseStream<TestChunk> stream = open()) {
      stream.iterator().next();
      stream.cancel();

      assertThatThrownBy(stream::aggregate)
          .isInstanceOf(OllamaCancelledException.class)
          .hasMessageContaining("POST /api/test stream was cancelled");
    }
  }

  @Test
  void cancelAfterTheFinalChunkChangesNothing() {
    ollama.enqueueNdjson(TestChunk.line("a"), TestChunk.finalLine("b"));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(texts(stream)).containsExactly("a", "b");
      stream.cancel();

      assertThat(stream.isCancelled()).isFalse();
      assertThat(stream.aggregate().text()).isEqualTo("ab");
    }
  }

  @Test
  void anErrorLineAfterNChunksThrowsAfterDeliveringExactlyThoseChunks() {
    ollama.enqueueNdjson(
        TestChunk.line("a"),
        TestChunk.line("b"),
        TestChunk.line("c"),
        "{\"error\":\"an error was encountered while running the model: CUDA out of memory\"}");
    List<String> delivered = new ArrayList<>();

    try (ResponseStream<TestChunk> stream = open()) {
      assertThatThrownBy(
              () -> {
                for (TestChunk chunk : stream) {
                  delivered.add(chunk.text());
                }
              })
          .isInstanceOfSatisfying(
              OllamaStreamException.class,
              e -> {
                assertThat(e.chunksDelivered()).isEqualTo(3);
                assertThat(e.errorMessage()).contains("CUDA out of memory");
              })
          .hasMessageContaining("POST /api/test stream failed after 3 chunk(s)");
    }
    assertThat(delivered).containsExactly("a", "b", "c");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"error\":\"boom\",\"text\":[1]}",
        "{\"text\":\"x\",\"done\":\"maybe\",\"error\":\"boom\"}",
        "{\"text\":\"x\",\"error\":\"boom\",\"done\":true}",
        "{\"error\":{\"message\":\"boom\"}} {\"text\":\"x\"}"
      })
  void anErrorMemberEndsTheStreamWhateverTheLinesOtherFields(String line) {
    ollama.enqueueNdjson(TestChunk.line("a"), line);

    try (ResponseStream<TestChunk> stream = open()) {
      assertThatThrownBy(() -> texts(stream))
          .isInstanceOfSatisfying(
              OllamaStreamException.class, e -> assertThat(e.chunksDelivered()).isEqualTo(1))
          .hasMessageContaining("boom");
    }
  }

  @Test
  void readsAChunkWhoseTextOnlyLooksLikeTheErrorKey() {
    ollama.enqueueNdjson(
        TestChunk.line("\"error\" is a word"),
        TestChunk.line("\"\"error"),
        TestChunk.finalLine("the \"error\""));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(texts(stream))
          .containsExactly("\"error\" is a word", "\"\"error", "the \"error\"");
    }
  }

  @Test
  void aggregateAfterAnErrorLineThrowsTheSameError() {
    ollama.enqueueNdjson(TestChunk.line("a"), "{\"error\":\"boom\"}");

    try (ResponseStream<TestChunk> stream = open()) {
      Iterator<TestChunk> chunks = stream.iterator();
      chunks.next();
      assertThatThrownBy(chunks::hasNext).isInstanceOf(OllamaStreamException.class);

      assertThatThrownBy(stream::aggregate)
          .isInstanceOf(OllamaStreamException.class)
          .hasMessageContaining("boom");
    }
  }

  @Test
  void aChunkWhoseTextMentionsErrorIsNotAnError() {
    ollama.enqueueNdjson(
        TestChunk.line("the \"error\" key"),
        "{\"text\":\"x\",\"error\":null,\"done\":false}",
        TestChunk.finalLine("error"));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(texts(stream)).containsExactly("the \"error\" key", "x", "error");
    }
  }

  @Test
  void aStreamEndingWithoutItsFinalChunkIsAProtocolError() {
    ollama.enqueueNdjson(TestChunk.line("a"), TestChunk.line("b"));
    List<String> delivered = new ArrayList<>();

    try (ResponseStream<TestChunk> stream = open()) {
      assertThatThrownBy(
              () -> {
                for (TestChunk chunk : stream) {
                  delivered.add(chunk.text());
                }
              })
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining(
              "stream ended after 2 line(s) without its final chunk (done: true)");
    }
    assertThat(delivered).containsExactly("a", "b");
  }

  @Test
  void aGarbageLineIsAProtocolErrorNamingTheLineAndShowingIt() {
    ollama.enqueueNdjson(
        TestChunk.line("a"), "<html>502 Bad Gateway</html>", TestChunk.finalLine("b"));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThatThrownBy(() -> texts(stream))
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("POST /api/test stream line 2 is not a valid chunk")
          .hasMessageContaining("\"<html>502 Bad Gateway</html>\"");
    }
  }

  @Test
  void aChunkSplitOverTwoLinesIsAProtocolErrorNamingItsFirstLine() {
    ollama.enqueueNdjson(
        TestChunk.line("a"), "{\"text\":\"b\",", "\"done\":false}", TestChunk.finalLine("c"));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThatThrownBy(() -> texts(stream))
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("POST /api/test stream line 2 is not a valid chunk")
          .hasMessageContaining("{\"text\":\"b\",");
    }
  }

  @Test
  void aChunkCutInsideAnUnknownObjectIsAProtocolErrorNotAHang() {
    ollama.enqueueNdjson(
        TestChunk.line("a"), "{\"text\":\"b\",\"extra\":{\"x\":[1,", TestChunk.finalLine("c"));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThatThrownBy(() -> texts(stream))
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("POST /api/test stream line 2 is not a valid chunk");
    }
  }

  @Test
  void trailingWhitespaceAfterALinesValueIsFine() {
    ollama.enqueueNdjson(
        TestChunk.line("a"), TestChunk.line("b") + " \t ", TestChunk.finalLine("c") + "  ");

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(texts(stream)).containsExactly("a", "b", "c");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"text\":\"b\",\"done\":false} {\"text\":\"lost\",\"done\":false}",
        "{\"text\":\"b\",\"done\":false}{\"a\":1}",
        "{\"text\":\"b\",\"done\":false} 7",
        "{\"text\":\"b\",\"done\":false} x",
        "{\"text\":\"b\",\"done\":false}{\"error\":\"boom\"}"
      })
  void aLineHoldingTwoValuesIsAProtocolErrorNotItsFirstValue(String line) {
    ollama.enqueueNdjson(TestChunk.line("a"), line, TestChunk.finalLine("c"));

    try (ResponseStream<TestChunk> stream = open()) {
      Iterator<TestChunk> chunks = stream.iterator();
      assertThat(chunks.next().text()).isEqualTo("a");
      assertThatThrownBy(chunks::next)
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("POST /api/test stream line 2 is not a valid chunk");
    }
  }

  @Test
  void aLineHoldingTwoChunksSaysSo() {
    ollama.enqueueNdjson(TestChunk.line("a") + TestChunk.line("b"), TestChunk.finalLine("c"));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThatThrownBy(() -> texts(stream))
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining(
              "stream line 1 is not a valid chunk: it holds more than one JSON value");
    }
  }

  @Test
  void manyChunksIncludingLinesLongerThanTheParsersBufferAreAllDelivered() {
    List<String> lines = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String text = i % 50 == 7 ? "x".repeat(20_000 + i) : "token " + i + " é";
      lines.add(TestChunk.line(text));
      expected.add(text);
    }
    lines.add(TestChunk.finalLine("end"));
    expected.add("end");
    ollama.enqueueNdjson(lines.toArray(String[]::new));

    try (ResponseStream<TestChunk> stream = open()) {
      assertThat(texts(stream)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aModelNotFoundIsThrownByStreamItself() {
    ollama.enqueueJson(404, "{\"error\":\"model \\\"m:1b\\\" not found, try pulling it first\"}");

    assertThatThrownBy(this::open)
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("client.pull(\"m:1b\")");
  }

  @Test
  void aServerErrorWithAnHtmlPageIsThrownByStreamWithThePageText() {
    ollama.enqueue(
        new MockResponse.Builder()
            .code(500)
            .setHeader("Content-Type", "text/html")
            .body("<html><body><h1>500 Internal Server Error</h1></body></html>")
            .build());

    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(
            OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(500))
        .isNotInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("POST /api/test failed with HTTP 500")
        .hasMessageContaining("<h1>500 Internal Server Error</h1>");
  }

  @Test
  void aRefusedConnectionIsAConnectionError() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    try (var client = ollama.newClientBuilder().baseUrl("http://127.0.0.1:" + port).build()) {
      assertThatThrownBy(() -> TestAccess.transport(client).stream(CALL, TestChunk.SPEC))
          .isInstanceOf(OllamaConnectionException.class)
          .hasMessageContaining("Could not connect to Ollama at http://127.0.0.1:" + port)
          .hasMessageContaining("Is Ollama running?");
    }
  }

  @Test
  void aReadTimeoutMidStreamIsATimeoutError() {
    stall(TestChunk.line("a") + "\n", TestChunk.finalLine("b") + "\n");

    try (var client = ollama.newClientBuilder().readTimeout(Duration.ofMillis(200)).build();
        ResponseStream<TestChunk> stream =
            TestAccess.transport(client).stream(CALL, TestChunk.SPEC)) {
      Iterator<TestChunk> chunks = stream.iterator();
      assertThat(chunks.next().text()).isEqualTo("a");

      assertThatThrownBy(chunks::hasNext)
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("read timeout (200 ms between bytes)");
    }
  }

  @Test
  void iteratingTwiceIsRefused() {
    ollama.enqueueNdjson(TestChunk.finalLine("a"));

    try (ResponseStream<TestChunk> stream = open()) {
      texts(stream);

      assertThatThrownBy(stream::iterator)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("can be iterated only once");
      assertThatThrownBy(stream::stream).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void closingTheJavaStreamClosesTheResponseStream() throws InterruptedException {
    stall(TestChunk.line("a") + "\n" + TestChunk.line("b") + "\n", TestChunk.finalLine("c"));
    ResponseStream<TestChunk> stream = open();

    try (Stream<TestChunk> chunks = stream.stream()) {
      assertThat(chunks.limit(2).map(TestChunk::text).collect(Collectors.joining()))
          .isEqualTo("ab");
    }

    assertThat(stream.isCancelled()).isTrue();
    ollama.assertNoConnectionInUse();
  }

  @Test
  void aCompletedStreamReturnsItsConnectionEvenWhenNeverClosed() throws InterruptedException {
    ollama.enqueueNdjson(TestChunk.line("a"), TestChunk.finalLine("b"));

    @SuppressWarnings("resource") // the point: the final chunk releases the connection by itself
    ResponseStream<TestChunk> stream = open();
    assertThat(texts(stream)).containsExactly("a", "b");

    ollama.assertNoConnectionInUse();
  }
}
