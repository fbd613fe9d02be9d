package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.examples.common.OllamaSlots;
import io.github.ollamaclient.testkit.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * 200 pages streaming at once through the proxy, 20 of which stop reading: every reading page gets
 * its whole answer, the ones that stopped do not keep their Ollama slots past {@code
 * app.client-write-timeout}, and the heap stays bounded. Writes the figures to {@code
 * target/load-figures.md} (copied into docs/scaling.md).
 */
@TestPropertySource(
    properties = {
      "app.max-concurrent=64",
      "app.queue-size=200",
      "app.queue-timeout=60s",
      "app.client-write-timeout=5s",
      "app.max-num-predict=100000",
      "server.tomcat.threads.max=260",
      "server.tomcat.max-connections=400"
    })
@Import(LoadTest.SmallSendBuffers.class)
class LoadTest extends ProxyTestBase {
  private static final int READERS = 180;
  private static final int STALLED = 20;
  private static final int ANSWER_CHARS = 200_000;

  @Autowired OllamaSlots slots;

  /** Small socket send buffers, so a page that stops reading blocks the proxy's writes soon. */
  @TestConfiguration
  static class SmallSendBuffers {
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> smallSendBuffers() {
      return factory ->
          factory.addConnectorCustomizers(
              connector -> connector.setProperty("socket.txBufSize", "4096"));
    }
  }

  private static String chat(String content) {
    return "{\"model\":\""
        + DEFAULT_MODEL
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + content
        + "\"}]}";
  }

  /** A page that sends its request, reads the headers and a little, then stops reading. */
  private Socket stalledPage(int number) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(2048);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    byte[] body = chat("stalled " + number).getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    InputStream in = socket.getInputStream();
    socket.setSoTimeout(30_000);
    in.readNBytes(512);
    return socket;
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  void twoHundredPagesTwentyOfThemStalled() throws Exception {
    String answer = "x".repeat(ANSWER_CHARS);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = heapAfterGc(memory);

    // The first wave warms up what any server keeps (threads, pools, caches); the second shows
    // whether the proxy keeps anything per stream.
    Wave first = wave(answer, memory);
    long heapAfterFirst = heapAfterGc(memory);
    Wave second = wave(answer, memory);
    long heapAfterSecond = heapAfterGc(memory);

    assertThat((heapAfterSecond - heapAfterFirst) >> 20)
        .as("heap kept by a second wave of 200 streams, MiB")
        .isLessThan(16);
    String figures =
        String.format(
            "| wave | pages | stalled | answer | wall time | streams/s | p50 | p99 | heap peak |"
                + " heap after GC |%n|---|---|---|---|---|---|---|---|---|---|%n"
                + "%s%s%nHeap after GC before the first wave: %d MiB.%n",
            first.row(1, heapAfterFirst), second.row(2, heapAfterSecond), heapBefore >> 20);
    Files.writeString(Path.of("target", "load-figures.md"), figures);
    System.out.println(figures);
  }

  /**
   * A reading page that keeps only a summary of what it read, so that the test's own memory does
   * not hide the proxy's: the length of the content, whether it was all the answer, the final flag.
   */
  private static final class Summary implements Flow.Subscriber<String> {
    long chars;
    boolean onlyTheAnswer = true;
    boolean done;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      try {
        JsonNode chunk = json(line);
        String content = chunk.path("message").path("content").asText();
        chars += content.length();
        onlyTheAnswer &= content.chars().allMatch(c -> c == 'x');
        done = chunk.path("done").asBoolean();
      } catch (IOException e) {
        onlyTheAnswer = false;
      }
    }

    @Override
    public void onError(Throwable error) {
      onlyTheAnswer = false;
    }

    @Override
    public void onComplete() {}
  }

  /** What one wave measured. */
  private record Wave(double seconds, long p50Millis, long p99Millis, long peakMib) {
    String row(int number, long heapAfter) {
      return String.format(
          "| %d | %d | %d | %d chars in %d chunks | %.1f s | %.1f | %d ms | %d ms | %d MiB | %d MiB"
              + " |%n",
          number,
          READERS + STALLED,
          STALLED,
          ANSWER_CHARS,
          ANSWER_CHARS / 2_000,
          seconds,
          READERS / seconds,
          p50Millis,
          p99Millis,
          peakMib,
          heapAfter >> 20);
    }
  }

  private Wave wave(String answer, MemoryMXBean memory) throws Exception {
    // The fake records every request it gets; a fresh record per wave keeps the test's own
    // memory out of what is weighed.
    ollama.reset();
    ollama.model(DEFAULT_MODEL).reply(Reply.text(answer).withTokenSize(2_000));
    AtomicInteger peakHeap = new AtomicInteger();
    List<Socket> stalled = new ArrayList<>();
    for (int i = 0; i < STALLED; i++) {
      stalled.add(stalledPage(i));
    }
    long start = System.nanoTime();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<HttpResponse<Summary>>> readers = new ArrayList<>();
    for (int i = 0; i < READERS; i++) {
      long sent = System.nanoTime();
      readers.add(
          http.sendAsync(
                  request("/api/chat")
                      .timeout(Duration.ofSeconds(90))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(chat("reader " + i)))
                      .build(),
                  HttpResponse.BodyHandlers.fromLineSubscriber(
                      new Summary(), summary -> summary, "\n"))
              .whenComplete(
                  (response, error) -> {
                    latencies.add(System.nanoTime() - sent);
                    long used = memory.getHeapMemoryUsage().getUsed() >> 20;
                    peakHeap.accumulateAndGet((int) used, Math::max);
                  }));
    }
    CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;

    // Every reading page got the whole answer, ending with the final chunk.
    for (CompletableFuture<HttpResponse<Summary>> reader : readers) {
      HttpResponse<Summary> response = reader.get();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body().chars).isEqualTo(answer.length());
      assertThat(response.body().onlyTheAnswer).isTrue();
      assertThat(response.body().done).isTrue();
    }
    // The stalled pages still hold their sockets open, yet none holds an Ollama slot.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (slots.available() < 64 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(slots.available()).as("slots free while the stalled pages hang on").isEqualTo(64);
    assertThat(stalled).allSatisfy(socket -> assertThat(socket.isClosed()).isFalse());
    for (Socket socket : stalled) {
      socket.close();
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Wave(
        seconds,
        TimeUnit.NANOSECONDS.toMillis(sorted.get(sorted.size() / 2)),
        TimeUnit.NANOSECONDS.toMillis(sorted.get((int) (sorted.size() * 0.99))),
        peakHeap.get());
  }
}
