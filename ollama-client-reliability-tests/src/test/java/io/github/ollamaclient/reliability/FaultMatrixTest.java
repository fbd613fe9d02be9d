package io.github.ollamaclient.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.stream.ResponseStream;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core client against every fault the testkit can stage: each ends in the documented exception
 * after delivering exactly the chunks that arrived, and nothing hangs. Every row is also written to
 * {@code target/fault-matrix.md}, the source of the table in {@code docs/reliability.md}.
 */
class FaultMatrixTest {
  /** The scripted answer, streamed 4 characters a chunk: "one ", "two ", "thre", "e fo", "ur". */
  private static final String ANSWER = "one two three four";

  private static final List<String> ALL_CHUNKS = List.of("one ", "two ", "thre", "e fo", "ur", "");
  private static final Duration NO_HANG = Duration.ofSeconds(20);
  private static final Map<String, String> ROWS = new TreeMap<>();

  @RegisterExtension
  static final FakeOllama fake = FakeOllama.create().withModel("llama3.2", m -> m.reply(ANSWER));

  private OllamaClient client;

  @BeforeEach
  void newClient() {
    client = clientWith(b -> {});
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @AfterAll
  static void writeMatrix() throws IOException {
    StringBuilder table =
        new StringBuilder(
            "| fault | outcome | chunks delivered | message excerpt |\n|---|---|---|---|\n");
    ROWS.values().forEach(table::append);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/fault-matrix.md"), table.toString());
  }

  private static OllamaClient clientWith(Consumer<OllamaClient.Builder> settings) {
    OllamaClient.Builder builder =
        OllamaClient.builder()
            .baseUrl(fake.baseUrl())
            .readTimeout(Duration.ofSeconds(5))
            .retryPolicy(
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofMillis(20))
                    .maxBackoff(Duration.ofMillis(50))
                    .build());
    settings.accept(builder);
    return builder.build();
  }

  private static ChatRequest chat(String model) {
    return ChatRequest.builder(model).message(Message.user("Tell me.")).build();
  }

  /** What a caller iterating a stream saw: the chunks' texts, then the failure if any. */
  private record Outcome(List<String> chunks, OllamaException error) {}

  private static Outcome streamChat(OllamaClient client, String model) {
    return assertTimeoutPreemptively(
        NO_HANG,
        () -> {
          List<String> chunks = new ArrayList<>();
          try (ResponseStream<ChatResponse> stream = client.chatStream(chat(model))) {
            for (ChatResponse chunk : stream) {
              chunks.add(chunk.message().content());
            }
            return new Outcome(chunks, null);
          } catch (OllamaException e) {
            return new Outcome(chunks, e);
          }
        });
  }

  private static OllamaException plainChat(OllamaClient client) {
    return assertTimeoutPreemptively(
        NO_HANG,
        () -> {
          try {
            client.chat(chat("llama3.2"));
            return null;
          } catch (OllamaException e) {
            return e;
          }
        });
  }

  private static void row(String fault, Outcome outcome) {
    row(fault, outcome.error(), outcome.chunks().size());
  }

  private static void row(String fault, OllamaException error, int chunks) {
    String type =
        error == null ? "none: complete answer" : "`" + error.getClass().getSimpleName() + "`";
    String message = error == null ? "" : excerpt(error.getMessage());
    ROWS.put(fault, "| " + fault + " | " + type + " | " + chunks + " | " + message + " |\n");
  }

  private static String excerpt(String message) {
    String oneLine = message.replaceAll("\\s+", " ").replace("|", "\\|");
    return oneLine.length() > 150 ? oneLine.substring(0, 150) + "…" : oneLine;
  }

  @Test
  void errorLineMidStreamThrowsAStreamExceptionAfterTheChunksBeforeIt() {
    fake.failNext(Fault.errorAfter(2, "an error was encountered while running the model"));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.chunks()).containsExactly("one ", "two ");
    assertThat(outcome.error())
        .isInstanceOfSatisfying(
            OllamaStreamException.class,
            e -> {
              assertThat(e.chunksDelivered()).isEqualTo(2);
              assertThat(e.errorMessage())
                  .isEqualTo("an error was encountered while running the model");
            });
    row("`errorAfter(2, msg)`: `{\"error\"}` line mid-stream", outcome);
  }

  @Test
  void errorBeforeTheFirstChunkIsAnHttp500() {
    fake.failNext(Fault.errorAfter(0, "out of memory"));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.chunks()).isEmpty();
    assertThat(outcome.error())
        .isInstanceOfSatisfying(
            OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(500))
        .hasMessageContaining("out of memory");
    assertThat(fake.requestCount()).as("a 500 is never retried").isEqualTo(1);
    row("`errorAfter(0, msg)`: HTTP 500 before any chunk", outcome);
  }

  @Test
  void disconnectAfterChunksThrowsAConnectionExceptionAfterThoseChunks() {
    fake.failNext(Fault.disconnectAfter(3));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.chunks()).containsExactly("one ", "two ", "thre");
    assertThat(outcome.error()).isInstanceOf(OllamaConnectionException.class);
    assertThat(fake.requestCount()).as("a stream that delivered a chunk is never retried").isOne();
    row("`disconnectAfter(3)`: socket closed mid-stream", outcome);
  }

  @Test
  void disconnectAfterTheHeadersBeforeAnyChunkIsNotRetried() {
    fake.failNext(Fault.disconnectAfter(0));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.chunks()).isEmpty();
    assertThat(outcome.error()).isInstanceOf(OllamaConnectionException.class);
    assertThat(fake.requestCount()).as("the model may have started: never retried").isOne();
    row("`disconnectAfter(0)`: status 200, then the socket closes", outcome);
  }

  @Test
  void truncatedPlainAnswerIsAConnectionException() {
    fake.failNext(Fault.disconnectAfter(1));

    OllamaException error = plainChat(client);

    assertThat(error).isInstanceOf(OllamaConnectionException.class);
    row(
        "truncation: a `chat()` answer (streamed on the wire) cut after its first chunk (`disconnectAfter(1)`)",
        error,
        0);
  }

  @Test
  void disconnectBeforeAnyResponse() {
    fake.failNext(Fault.disconnect());

    Outcome outcome = streamChat(client, "llama3.2");

    // The request reached the server, so neither the client nor OkHttp may send it again.
    assertThat(outcome.chunks()).isEmpty();
    assertThat(outcome.error())
        .isInstanceOf(OllamaConnectionException.class)
        .hasMessageContaining("unexpected end of stream");
    assertThat(fake.requestCount()).isOne();
    row("`disconnect()`: socket closed before any response", outcome);
  }

  @Test
  void stallMidStreamEndsInAReadTimeoutAfterTheChunksBeforeIt() {
    fake.failNext(Fault.stallAfter(2, Duration.ofSeconds(30)));

    try (OllamaClient impatient = clientWith(b -> b.readTimeout(Duration.ofMillis(500)))) {
      Outcome outcome = streamChat(impatient, "llama3.2");

      assertThat(outcome.chunks()).containsExactly("one ", "two ");
      assertThat(outcome.error())
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("read timeout (500 ms between bytes)");
      row("`stallAfter(2, 30s)`, read timeout 500 ms", outcome);
    }
  }

  @Test
  void stallBeforeAnyByteEndsInAReadTimeout() {
    fake.failNext(Fault.stall(Duration.ofSeconds(30)));

    try (OllamaClient impatient = clientWith(b -> b.readTimeout(Duration.ofMillis(500)))) {
      Outcome outcome = streamChat(impatient, "llama3.2");

      assertThat(outcome.chunks()).isEmpty();
      assertThat(outcome.error())
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("read timeout (500 ms");
      row("`stall(30s)` before the status line, read timeout 500 ms", outcome);
    }
  }

  @Test
  void unknownModelIsAModelNotFoundExceptionSayingHowToPullIt() {
    Outcome outcome = streamChat(client, "no-such-model");

    assertThat(outcome.chunks()).isEmpty();
    assertThat(outcome.error())
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("client.pull(\"no-such-model\")");
    assertThat(fake.requestCount()).isOne();
    row("404: model not installed", outcome);
  }

  @Test
  void htmlErrorPageIsAnHttpExceptionWithTheRawBody() {
    fake.failNext(Fault.htmlError(500));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.chunks()).isEmpty();
    assertThat(outcome.error())
        .isInstanceOfSatisfying(
            OllamaHttpException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.body()).contains("<title>500 Internal Server Error</title>");
            });
    assertThat(fake.requestCount()).isOne();
    row("`htmlError(500)`: nginx HTML page", outcome);
  }

  @Test
  void badGatewayPageIsNotRetriedByDefault() {
    fake.failNext(Fault.htmlError(502));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.error())
        .isInstanceOfSatisfying(
            OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
    assertThat(fake.requestCount()).isOne();
    row("`htmlError(502)`: proxy's Bad Gateway", outcome);
  }

  @Test
  void busyServerIsRetriedHonouringRetryAfter() {
    fake.failNext(
        Fault.status(503, "{\"error\":\"server busy, please try again.\"}")
            .withHeader("Retry-After", "1"));

    long start = System.nanoTime();
    Outcome outcome = streamChat(client, "llama3.2");
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(outcome.error()).isNull();
    assertThat(outcome.chunks()).isEqualTo(ALL_CHUNKS);
    assertThat(millis).isGreaterThanOrEqualTo(950);
    assertThat(fake.requestCount()).isEqualTo(2);
    row("`status(503)` + `Retry-After: 1`, then a normal answer", outcome);
  }

  @Test
  void rateLimitedEveryTimeGivesUpWithTheAttemptCount() {
    for (int i = 0; i < 3; i++) {
      fake.failNext(Fault.status(429, "{\"error\":\"too many requests\"}"));
    }

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.error())
        .isInstanceOf(OllamaHttpException.class)
        .hasMessageContaining("gave up after 3 attempts");
    assertThat(fake.requestCount()).isEqualTo(3);
    row("`status(429)` three times", outcome);
  }

  @Test
  void garbageLineIsAProtocolExceptionAfterTheChunksBeforeIt() {
    fake.failNext(Fault.rawLineAfter(2, "<html>oops".getBytes(StandardCharsets.UTF_8)));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.chunks()).containsExactly("one ", "two ");
    assertThat(outcome.error())
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("stream line 3 is not a valid chunk")
        .hasMessageContaining("<html>oops");
    row("`rawLineAfter(2, \"<html>oops\")`: garbage line", outcome);
  }

  @Test
  void jsonOfTheWrongShapeIsAProtocolException() {
    fake.failNext(Fault.rawLineAfter(1, "[1,2,3]".getBytes(StandardCharsets.UTF_8)));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.chunks()).containsExactly("one ");
    assertThat(outcome.error()).isInstanceOf(OllamaProtocolException.class);
    row("`rawLineAfter(1, \"[1,2,3]\")`: valid JSON, not a chunk", outcome);
  }

  @Test
  void overLongLineIsAProtocolExceptionNotAnOutOfMemoryError() {
    byte[] huge = new byte[64 * 1024 * 1024 + 16];
    Arrays.fill(huge, (byte) 'a');
    fake.failNext(Fault.rawLineAfter(1, huge));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.chunks()).containsExactly("one ");
    assertThat(outcome.error())
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("longer than maxResponseBytes (67108864 bytes)");
    row("`rawLineAfter(1, 64 MiB + 16 bytes)`: over-long line", outcome);
  }

  @Test
  void invalidUtf8IsAProtocolException() {
    byte[] line =
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"X\"},\"done\":false}"
            .getBytes(StandardCharsets.UTF_8);
    line[line.length - 16] = (byte) 0xC3; // a lead byte followed by an ASCII quote, not a tail
    fake.failNext(Fault.rawLineAfter(1, line));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.chunks()).containsExactly("one ");
    assertThat(outcome.error()).isInstanceOf(OllamaProtocolException.class);
    row("`rawLineAfter(1, …0xC3…)`: invalid UTF-8 in a chunk", outcome);
  }

  @Test
  void slowFirstTokenWithinTheLimitsIsAnsweredWhole() {
    fake.failNext(Fault.slowFirstToken(Duration.ofMillis(1500)));

    Outcome outcome = streamChat(client, "llama3.2");

    assertThat(outcome.error()).isNull();
    assertThat(outcome.chunks()).isEqualTo(ALL_CHUNKS);
    row("`slowFirstToken(1.5s)`, default limits", outcome);
  }

  @Test
  void slowFirstTokenPastTheFirstChunkTimeoutIsATimeout() {
    fake.failNext(Fault.slowFirstToken(Duration.ofSeconds(10)));

    try (OllamaClient impatient = clientWith(b -> b.firstChunkTimeout(Duration.ofMillis(500)))) {
      long start = System.nanoTime();
      Outcome outcome = streamChat(impatient, "llama3.2");

      assertThat(outcome.chunks()).isEmpty();
      assertThat(outcome.error())
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("no first chunk within the first-chunk timeout (500 ms)");
      assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
      assertThat(fake.requestCount()).as("a first-chunk timeout is never retried").isOne();
      row("`slowFirstToken(10s)`, `firstChunkTimeout(500ms)`", outcome);
    }
  }

  @Test
  void serverClosingKeepAliveConnectionsBetweenCallsGoesUnnoticed() throws IOException {
    try (ClosingProxy proxy = new ClosingProxy(fake.port());
        OllamaClient proxied = clientWith(b -> b.baseUrl(proxy.baseUrl()))) {
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        outcomes.add(streamChat(proxied, "llama3.2"));
        assertThat(assertTimeoutPreemptively(NO_HANG, () -> proxied.chat(chat("llama3.2"))))
            .extracting(r -> r.message().content())
            .isEqualTo(ANSWER);
        proxy.dropAll();
      }

      assertThat(outcomes)
          .allSatisfy(
              o -> {
                assertThat(o.error()).isNull();
                assertThat(o.chunks()).isEqualTo(ALL_CHUNKS);
              });
      assertThat(proxy.connectionsAccepted()).isGreaterThanOrEqualTo(3);
      assertThat(fake.requestCount()).as("no call was sent twice").isEqualTo(6);
      row("keep-alive connections closed by the server between calls", outcomes.get(2));
    }
  }
}
