package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaRedirectException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile or broken server gets a typed, worded outcome from every call, never a raw runtime
 * exception, a silent partial answer, unbounded memory, a stream held open by blank lines, or a
 * request body sent where the client did not send it.
 */
class HostileServerTest {
  private static final String CHAT_FINAL =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"done\":true}";

  @RegisterExtension
  final MockOllama ollama = new MockOllama(builder -> builder.retryPolicy(RetryPolicy.none()));

  private static ChatRequest chat() {
    return ChatRequest.builder("llama3.2").message(Message.user("Hi")).build();
  }

  private static MockResponse status(int code, String retryAfter) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .setHeader("Retry-After", retryAfter)
        .body("{\"error\":\"server busy\"}")
        .build();
  }

  // ---- Retry-After (issue 21, item 6) --------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2147483648",
        "99999999999999999999",
        "-1",
        "garbage",
        "1.5",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "Wed, 21 Oct 2015 07:28:00 GMT"
      })
  void anyRetryAfterOnA503IsAnHttpErrorFromEveryKindOfCall(String value) {
    for (int i = 0; i < 4; i++) {
      ollama.enqueue(status(503, value));
    }

    assertThatThrownBy(() -> ollama.client().chat(chat()))
        .isInstanceOf(OllamaHttpException.class)
        .satisfies(e -> assertRetryAfterIsSane((OllamaHttpException) e));
    assertThatThrownBy(() -> ollama.client().chatStream(chat()))
        .isInstanceOf(OllamaHttpException.class);
    assertThatThrownBy(() -> ollama.client().list()).isInstanceOf(OllamaHttpException.class);
    assertThatThrownBy(() -> ollama.client().chatAsync(chat(), chunk -> {}).get(5, SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(OllamaHttpException.class);
  }

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;

  private static void assertRetryAfterIsSane(OllamaHttpException e) {
    assertThat(e.statusCode()).isEqualTo(503);
    e.retryAfter().ifPresent(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofDays(1)));
  }

  @Test
  void aRetryAfterBeyondAnIntOnA408IsAnHttpError() {
    ollama.enqueue(status(408, "2147483648"));

    assertThatThrownBy(() -> ollama.client().list())
        .isInstanceOf(OllamaHttpException.class)
        .satisfies(e -> assertThat(((OllamaHttpException) e).statusCode()).isEqualTo(408));
  }

  @Test
  void aRetryAfterBeyondAnIntLeavesIsRunningFalseNotThrowing() {
    ollama.enqueue(status(503, "2147483648"));
    ollama.enqueue(status(503, "2147483648"));

    assertThat(ollama.client().isRunning()).isFalse();
  }

  @Test
  void anAbsurdRetryAfterIsCappedAndTheRetryGivesUpAtOnce() {
    ollama.enqueue(status(503, "2147483648"));

    try (OllamaClient client =
        ollama.newClientBuilder().retryPolicy(RetryPolicy.defaults()).build()) {
      assertThatThrownBy(client::list)
          .isInstanceOf(OllamaHttpException.class)
          .satisfies(
              e -> assertThat(((OllamaHttpException) e).retryAfter()).contains(Duration.ofDays(1)));
    }
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  // ---- answers that are not final (item 7) ---------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"The answer is\"},\"done\":false}"
      })
  void aChatAnswerInOneDocumentWithoutDoneIsAProtocolError(String body) {
    ollama.enqueueJson(body);

    assertThatThrownBy(() -> ollama.client().chat(chat()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("POST /api/chat")
        .hasMessageContaining("done: true");
  }

  @Test
  void aGenerateAnswerInOneDocumentWithoutDoneIsAProtocolError() {
    ollama.enqueueJson(
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\","
            + "\"response\":\"The answer is\",\"done\":false}");

    assertThatThrownBy(
            () ->
                ollama.client().generate(GenerateRequest.builder("llama3.2").prompt("Hi").build()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("POST /api/generate")
        .hasMessageContaining("done: true");
  }

  @Test
  void aStreamThatEndsWithoutItsFinalLineIsAProtocolError() {
    ollama.enqueueNdjson(
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"The answer is\"},\"done\":false}");

    assertThatThrownBy(() -> ollama.client().chat(chat()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("without its final chunk (done: true)");
  }

  // ---- the size of an answer (item 8) --------------------------------------------------------

  @Test
  void theClientDoesNotAskForCompressedAnswers() {
    ollama.enqueueJson("{\"models\":[]}");

    ollama.client().list();

    assertThat(ollama.takeRequest().getHeaders().get("Accept-Encoding")).isEqualTo("identity");
  }

  @Test
  void aGzipBodyTheClientDidNotAskForIsRefusedUnread() throws IOException {
    // 64 MiB of spaces inside a model list: some 64 KiB on the wire.
    Buffer gzipped = new Buffer();
    try (BufferedSink sink = Okio.buffer(new GzipSink(gzipped))) {
      sink.writeUtf8("{\"models\":[");
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 64; i++) {
        sink.write(spaces);
      }
      sink.writeUtf8("]}");
    }
    ollama.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .setHeader("Content-Encoding", "gzip")
            .body(gzipped)
            .build());

    assertThatThrownBy(() -> ollama.client().list())
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("GET /api/tags")
        .hasMessageContaining("Content-Encoding gzip");
  }

  private OllamaClient limitedTo(long bytes) {
    return ollama.newClientBuilder().maxResponseBytes(bytes).build();
  }

  private static String embeddings(int floats) {
    StringBuilder json = new StringBuilder("{\"model\":\"all-minilm\",\"embeddings\":[[");
    for (int i = 0; i < floats; i++) {
      json.append(i == 0 ? "" : ",").append("0.0123456789");
    }
    return json.append("]]}").toString();
  }

  @Test
  void anAnswerLargerThanTheLimitIsAProtocolErrorNamingTheLimit() {
    ollama.enqueueJson(embeddings(20_000)); // some 260 KB

    try (OllamaClient client = limitedTo(64 * 1024)) {
      assertThatThrownBy(
              () -> client.embed(EmbedRequest.builder("all-minilm").input("why").build()))
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("POST /api/embed")
          .hasMessageContaining("maxResponseBytes (65536 bytes)");
    }
  }

  @Test
  void aChunkedAnswerLargerThanTheLimitIsAProtocolErrorToo() {
    StringBuilder models = new StringBuilder("{\"models\":[");
    for (int i = 0; i < 2_000; i++) {
      models.append(i == 0 ? "" : ",").append("{\"name\":\"model-").append(i).append(":latest\"}");
    }
    ollama.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .chunkedBody(models.append("]}").toString(), 4096)
            .build());

    try (OllamaClient client = limitedTo(16 * 1024)) {
      assertThatThrownBy(client::list)
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("maxResponseBytes (16384 bytes)");
    }
  }

  @Test
  void aStreamLineLongerThanTheLimitIsAProtocolErrorNamingTheLimit() {
    String longLine =
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\",\"message\":{\"role\":"
            + "\"assistant\",\"content\":\""
            + "x".repeat(100_000)
            + "\"},\"done\":false}";
    ollama.enqueueNdjson(longLine, CHAT_FINAL);

    try (OllamaClient client = limitedTo(64 * 1024);
        ResponseStream<ChatResponse> stream = client.chatStream(chat())) {
      assertThatThrownBy(() -> stream.iterator().next())
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("stream line 1")
          .hasMessageContaining("maxResponseBytes (65536 bytes)");
    }
  }

  @Test
  void aPlainTextAnswerLargerThanTheLimitIsNotOllama() {
    ollama.enqueue(new MockResponse.Builder().code(404).build()); // HEAD /api/version
    ollama.enqueue(
        new MockResponse.Builder().body("Ollama is running" + " ".repeat(200_000)).build());

    try (OllamaClient client = limitedTo(64 * 1024)) {
      assertThat(client.isRunning()).isFalse();
    }
  }

  @Test
  void theLimitMustBePositive() {
    assertThatThrownBy(() -> OllamaClient.builder().maxResponseBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxResponseBytes");
  }

  // ---- blank lines before the first chunk (item 9) -------------------------------------------

  /** A chunked stream that sends a blank line every 200 ms for 10 s and nothing else. */
  private static final class BlankLines implements MockResponseBody {
    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      for (int i = 0; i < 50; i++) {
        sink.writeUtf8("1\r\n\n\r\n").flush();
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Test
  void blankLinesDoNotCountAsTheFirstChunk() {
    ollama.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .body(new BlankLines())
            .removeHeader("Content-Length")
            .setHeader("Transfer-Encoding", "chunked")
            .build());

    long start = System.nanoTime();
    try (OllamaClient client =
            ollama.newClientBuilder().firstChunkTimeout(Duration.ofSeconds(1)).build();
        ResponseStream<ChatResponse> stream = client.chatStream(chat())) {
      assertThatThrownBy(() -> stream.iterator().hasNext())
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("no first chunk within the first-chunk timeout (1000 ms)");
    }
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
  }

  // ---- redirects (item 10) -------------------------------------------------------------------

  private void redirect(int code, String location) {
    ollama.enqueue(new MockResponse.Builder().code(code).setHeader("Location", location).build());
    ollama.enqueueJson(CHAT_FINAL);
    ollama.enqueueJson(CHAT_FINAL);
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void aRedirectedPostIsNotFollowedAndSaysWhereItWasSent(int code) {
    redirect(code, "/api/pull");

    assertThatThrownBy(() -> ollama.client().chat(chat()))
        .isInstanceOfSatisfying(
            OllamaRedirectException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(code);
              assertThat(e.location()).isEqualTo(ollama.server().url("/api/pull").toString());
              assertThat(e.getMessage())
                  .contains("POST /api/chat was redirected to " + e.location());
            });
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRedirectedStreamIsNotFollowedEither() {
    for (int i = 0; i < 2; i++) {
      ollama.enqueue(
          new MockResponse.Builder().code(307).setHeader("Location", "/api/pull").build());
    }

    assertThatThrownBy(() -> ollama.client().chatStream(chat()))
        .isInstanceOf(OllamaRedirectException.class);
    assertThatThrownBy(() -> ollama.client().chatAsync(chat(), chunk -> {}).get(5, SECONDS))
        .cause()
        .isInstanceOf(OllamaRedirectException.class);
    assertThat(ollama.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRedirectLoopOnAPostIsOneRedirectError() {
    ollama.enqueue(new MockResponse.Builder().code(307).setHeader("Location", "/api/chat").build());

    assertThatThrownBy(() -> ollama.client().chat(chat()))
        .isInstanceOf(OllamaRedirectException.class)
        .hasMessageContaining("redirected to");
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void theLocationOfARedirectNeverCarriesCredentials() {
    redirect(307, "http://admin:hunter2@evil.example:8080/steal?token=abc123#frag");

    assertThatThrownBy(() -> ollama.client().chat(chat()))
        .isInstanceOfSatisfying(
            OllamaRedirectException.class,
            e -> {
              assertThat(e.location()).isEqualTo("http://evil.example:8080/steal");
              assertThat(e.getMessage() + e).doesNotContain("hunter2", "admin", "abc123");
            });
  }
}
