package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each timeout ends the call with an {@link OllamaTimeoutException} that names which limit expired:
 * connect, read (between bytes), whole call, and a stream's first chunk.
 */
class TimeoutTest {
  private static final String CHUNK =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"tok\"},\"done\":false}";
  private static final String FINAL =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:01Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\".\"},\"done\":true,"
          + "\"done_reason\":\"stop\"}";

  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static ChatRequest chat() {
    return ChatRequest.builder("llama3.2").message(Message.user("Hi")).build();
  }

  private OllamaClient firstChunkWithin(Duration limit) {
    return ollama.newClientBuilder().firstChunkTimeout(limit).build();
  }

  @Test
  void connectTimeoutNamesTheConnectLimit() throws IOException {
    // A listener that never accepts, its backlog full: the kernel drops further handshakes, so a
    // connect to it hangs on loopback as it would to a dead host.
    try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket filler = new Socket();
          try {
            filler.connect(new InetSocketAddress(deaf.getInetAddress(), deaf.getLocalPort()), 100);
            fillers.add(filler);
          } catch (IOException full) {
            filler.close();
            break;
          }
        }
        try (OllamaClient client =
            OllamaClient.builder()
                .baseUrl("http://127.0.0.1:" + deaf.getLocalPort())
                .connectTimeout(Duration.ofMillis(200))
                .retryPolicy(RetryPolicy.none())
                .build()) {
          assertThatThrownBy(client::version)
              .isInstanceOf(OllamaTimeoutException.class)
              .hasMessageContaining("connect timeout (200 ms)");
        }
      } finally {
        for (Socket filler : fillers) {
          filler.close();
        }
      }
    }
  }

  @Test
  void readTimeoutNamesTheLimitBetweenBytes() {
    ollama.enqueue(
        new MockResponse.Builder().body(FINAL).headersDelay(2, TimeUnit.SECONDS).build());

    try (OllamaClient client =
        ollama.newClientBuilder().readTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> client.chat(chat()))
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("read timeout (200 ms between bytes)");
    }
  }

  @Test
  void callTimeoutNamesTheWholeCallLimit() {
    ollama.enqueue(
        new MockResponse.Builder().body(FINAL).headersDelay(2, TimeUnit.SECONDS).build());

    try (OllamaClient client =
        ollama.newClientBuilder().callTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> client.chat(chat()))
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("whole-call timeout (200 ms)");
    }
  }

  @Test
  void firstChunkTimeoutEndsAStreamWhoseHeadersNeverCome() {
    ollama.enqueue(
        new MockResponse.Builder()
            .body(CHUNK + "\n" + FINAL + "\n")
            .headersDelay(3, TimeUnit.SECONDS)
            .build());

    long start = System.nanoTime();
    try (OllamaClient client = firstChunkWithin(Duration.ofMillis(300))) {
      assertThatThrownBy(() -> client.chatStream(chat()))
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("POST /api/chat")
          .hasMessageContaining("no first chunk within the first-chunk timeout (300 ms)");
    }
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(2_500));
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void firstChunkTimeoutEndsAStreamWhoseFirstLineNeverComes() {
    ollama.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .body(CHUNK + "\n" + FINAL + "\n")
            .bodyDelay(3, TimeUnit.SECONDS)
            .build());

    try (OllamaClient client = firstChunkWithin(Duration.ofMillis(300));
        ResponseStream<ChatResponse> stream = client.chatStream(chat())) {
      assertThatThrownBy(stream::aggregate)
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("first-chunk timeout (300 ms)");
    }
  }

  @Test
  void firstChunkTimeoutNoLongerAppliesOnceTheFirstChunkArrived() {
    // Three lines, 700 ms apart: 1.4 s in all, well past the 1 s first-chunk limit, while the
    // first line, sent at once, has a second to arrive even on a loaded CI machine.
    int lineBytes = (CHUNK + "\n").getBytes(StandardCharsets.UTF_8).length;
    ollama.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .body(CHUNK + "\n" + CHUNK + "\n" + FINAL + "\n")
            .throttleBody(lineBytes, 700, TimeUnit.MILLISECONDS)
            .build());

    try (OllamaClient client = firstChunkWithin(Duration.ofSeconds(1));
        ResponseStream<ChatResponse> stream = client.chatStream(chat())) {
      assertThat(stream.aggregate().message().content()).isEqualTo("toktok.");
    }
  }

  @Test
  void readTimeoutStillAppliesAfterTheFirstChunk() {
    int lineBytes = (CHUNK + "\n").getBytes(StandardCharsets.UTF_8).length;
    ollama.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .body(CHUNK + "\n" + FINAL + "\n")
            .throttleBody(lineBytes, 2, TimeUnit.SECONDS)
            .build());

    List<String> texts = new ArrayList<>();
    try (OllamaClient client =
            ollama
                .newClientBuilder()
                .firstChunkTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofMillis(300))
                .build();
        ResponseStream<ChatResponse> stream = client.chatStream(chat())) {
      assertThatThrownBy(() -> stream.forEach(chunk -> texts.add(chunk.message().content())))
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("read timeout (300 ms between bytes)");
    }
    assertThat(texts).containsExactly("tok");
  }

  @Test
  void firstChunkTimeoutFailsAnAsyncStream() {
    ollama.enqueue(
        new MockResponse.Builder().body(CHUNK + "\n").headersDelay(3, TimeUnit.SECONDS).build());

    try (OllamaClient client = firstChunkWithin(Duration.ofMillis(300))) {
      CompletableFuture<ChatResponse> future = client.chatAsync(chat(), chunk -> {});
      assertThatThrownBy(() -> future.get(2, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("first-chunk timeout (300 ms)");
    }
  }

  @Test
  void firstChunkTimeoutDoesNotLimitPlainCalls() {
    ollama.enqueue(
        new MockResponse.Builder().body(FINAL).headersDelay(500, TimeUnit.MILLISECONDS).build());

    try (OllamaClient client = firstChunkWithin(Duration.ofMillis(100))) {
      assertThat(client.chat(chat()).message().content()).isEqualTo(".");
    }
  }

  @Test
  void negativeFirstChunkTimeoutIsRejectedByName() {
    assertThatThrownBy(() -> OllamaClient.builder().firstChunkTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("firstChunkTimeout");
  }
}
