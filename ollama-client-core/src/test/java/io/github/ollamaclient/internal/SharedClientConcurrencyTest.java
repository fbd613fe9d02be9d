package io.github.ollamaclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.TestAccess;
import io.github.ollamaclient.stream.ResponseStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

class SharedClientConcurrencyTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static final int THREADS = 32;
  private static final int ROUNDS = 20;

  /**
   * Answers {@code /api/version} with JSON and {@code /api/test} with a stream naming its caller.
   */
  private static final class ByPath extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if ("/api/version".equals(request.getTarget())) {
        return new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .body("{\"version\":\"0.12.6\"}")
            .build();
      }
      JsonNode body = MockOllama.parse(request);
      String id = body.get("thread").asText() + "/" + body.get("round").asText();
      String lines =
          String.join(
              "\n",
              TestChunk.line("スレッド " + id),
              TestChunk.line(" says"),
              TestChunk.line(" hello"),
              TestChunk.finalLine(" from " + id));
      return new MockResponse.Builder()
          .setHeader("Content-Type", "application/x-ndjson")
          .chunkedBody(lines + "\n", 16)
          .build();
    }
  }

  @Test
  @Timeout(30)
  void threadsSharingOneClientGetTheirOwnAnswersAndLeaveNoConnectionInUse() throws Exception {
    ollama.server().setDispatcher(new ByPath());
    OllamaClient client = ollama.client();
    Transport transport = TestAccess.transport(client);
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger streamsRight = new AtomicInteger();
    AtomicInteger versionsRight = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long began = System.nanoTime();

    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        tasks.add(
            pool.submit(
                () -> {
                  try {
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                      if ("0.12.6".equals(client.version())) {
                        versionsRight.incrementAndGet();
                      }
                      String id = thread + "/" + round;
                      ApiCall call =
                          ApiCall.post(
                              "test",
                              "/api/test",
                              Payload.json(Map.of("thread", thread, "round", round)),
                              "m");
                      try (ResponseStream<TestChunk> stream =
                          transport.stream(call, TestChunk.SPEC)) {
                        StringBuilder text = new StringBuilder();
                        for (TestChunk chunk : stream) {
                          text.append(chunk.text());
                        }
                        String expected = "スレッド " + id + " says hello from " + id;
                        if (text.toString().equals(expected)
                            && stream.aggregate().text().equals(expected)) {
                          streamsRight.incrementAndGet();
                        } else {
                          failures.add(new AssertionError(id + " got \"" + text + "\""));
                        }
                      }
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> task : tasks) {
        task.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(failures).isEmpty();
    assertThat(versionsRight.get()).isEqualTo(THREADS * ROUNDS);
    assertThat(streamsRight.get()).isEqualTo(THREADS * ROUNDS);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began)).isLessThan(10);
    ollama.assertNoConnectionInUse();
  }
}
