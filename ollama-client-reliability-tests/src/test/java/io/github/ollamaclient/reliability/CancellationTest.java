package io.github.ollamaclient.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.stream.ResponseStream;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cancel from another thread while the reader is blocked on a stalled server ends the read at
 * once and closes the connection instead of returning it to the pool.
 */
class CancellationTest {
  @RegisterExtension
  static final FakeOllama fake =
      FakeOllama.create().withModel("llama3.2", m -> m.reply("one two three four"));

  private final ConnectionPool pool = new ConnectionPool(4, 1, TimeUnit.MINUTES);
  private OkHttpClient http;
  private OllamaClient client;

  @BeforeEach
  void newClient() {
    http = new OkHttpClient.Builder().connectionPool(pool).build();
    client = OllamaClient.builder().baseUrl(fake.baseUrl()).httpClient(http).build();
  }

  @AfterEach
  void closeClient() {
    client.close();
    http.dispatcher().executorService().shutdown();
    pool.evictAll();
  }

  private static ChatRequest chat() {
    return ChatRequest.builder("llama3.2").message(Message.user("Tell me.")).build();
  }

  @Test
  void cancelFromAnotherThreadEndsABlockedReadPromptlyAndClosesTheConnection() throws Exception {
    fake.failNext(Fault.stallAfter(2, Duration.ofSeconds(60)));
    List<String> chunks = new CopyOnWriteArrayList<>();
    CountDownLatch twoChunks = new CountDownLatch(2);

    try (ResponseStream<ChatResponse> stream = client.chatStream(chat())) {
      CompletableFuture<Throwable> reader =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (ChatResponse chunk : stream) {
                    chunks.add(chunk.message().content());
                    twoChunks.countDown();
                  }
                  return null;
                } catch (OllamaException e) {
                  return e;
                }
              });
      assertThat(twoChunks.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200); // the reader is now blocked in the socket read

      long start = System.nanoTime();
      stream.cancel();
      Throwable ended = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> reader.get());
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(millis).as("the blocked read ended within").isLessThan(1_000);
      assertThat(ended).as("a cancelled iteration just ends").isNull();
      assertThat(chunks).containsExactly("one ", "two ");
      assertThat(stream.isCancelled()).isTrue();
    }
    assertThat(pool.connectionCount())
        .as("the cancelled connection was closed, not pooled")
        .isZero();
  }

  @Test
  void cancellingAnAsyncStreamEndsItsBlockedReadAndClosesTheConnection() throws Exception {
    fake.failNext(Fault.stallAfter(1, Duration.ofSeconds(60)));
    CountDownLatch firstChunk = new CountDownLatch(1);

    CompletableFuture<ChatResponse> future = client.chatAsync(chat(), c -> firstChunk.countDown());
    assertThat(firstChunk.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200);

    future.cancel(true);

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          while (pool.connectionCount() > 0 || http.dispatcher().runningCallsCount() > 0) {
            Thread.sleep(10);
          }
        });
    assertThat(future).isCancelled();
  }
}
