package io.github.ollamaclient.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.stream.ResponseStream;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Reply;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 64 threads share one client for a bounded time ({@code -Dsoak.seconds}, 15 in CI), mixing streams
 * and plain calls against the fake: every stream's text is exactly the scripted one, no connection
 * stays in use, and the heap after GC does not grow between a third of the run and its end. Figures
 * go to {@code target/soak.md}.
 */
class SoakTest {
  private static final int THREADS = 64;
  private static final String STORY =
      "The quick brown fox jumps over the lazy dog, again and again.";

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void sixtyFourThreadsShareOneClientWithoutLeaksOrCrossedAnswers() throws Exception {
    long seconds = Long.getLong("soak.seconds", 15);
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    ConnectionPool pool = new ConnectionPool(THREADS, 1, TimeUnit.MINUTES);
    OkHttpClient http =
        new OkHttpClient.Builder().dispatcher(dispatcher).connectionPool(pool).build();

    try (FakeOllama fake =
            FakeOllama.create()
                .withModel("llama3.2", m -> m.reply(Reply.text(STORY).withTokenSize(3)))
                .withModel("all-minilm")
                .start();
        OllamaClient client =
            OllamaClient.builder().baseUrl(fake.baseUrl()).httpClient(http).build()) {
      fake.reset(); // the script so far is the baseline; reset() also drops recorded requests

      AtomicLong streams = new AtomicLong();
      AtomicLong plain = new AtomicLong();
      AtomicLong chunks = new AtomicLong();
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);

      ExecutorService pool64 = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            pool64.submit(
                () -> {
                  for (int i = 0; System.nanoTime() < end && problems.size() < 10; i++) {
                    try {
                      switch ((thread + i) % 5) {
                        case 0:
                        case 1:
                          chunks.addAndGet(streamChat(client, thread, i, problems));
                          streams.incrementAndGet();
                          break;
                        case 2:
                          chunks.addAndGet(streamGenerate(client, thread, i, problems));
                          streams.incrementAndGet();
                          break;
                        case 3:
                          String text = client.chat(chat(thread, i)).message().content();
                          check(text, STORY, "chat", problems);
                          plain.incrementAndGet();
                          break;
                        default:
                          if (client
                                  .embed(
                                      EmbedRequest.builder("all-minilm")
                                          .input("t" + thread)
                                          .build())
                                  .embedding()
                                  .length
                              == 0) {
                            problems.add("empty embedding");
                          }
                          client.list();
                          plain.addAndGet(2);
                          break;
                      }
                    } catch (RuntimeException e) {
                      problems.add(e.toString());
                    }
                  }
                }));
      }

      long thirdAt = start + (end - start) / 3;
      TimeUnit.NANOSECONDS.sleep(Math.max(0, thirdAt - System.nanoTime()));
      fake.reset();
      long heapAtThird = usedHeapAfterGc();

      for (Future<?> worker : workers) {
        worker.get(5, TimeUnit.MINUTES);
      }
      pool64.shutdown();
      double elapsed = (System.nanoTime() - start) / 1e9;

      long inUseDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (pool.connectionCount() != pool.idleConnectionCount()
          && System.nanoTime() < inUseDeadline) {
        Thread.sleep(10);
      }
      int connections = pool.connectionCount();
      int inUse = connections - pool.idleConnectionCount();
      fake.reset();
      long heapAtEnd = usedHeapAfterGc();

      String figures =
          String.format(
              Locale.ROOT,
              "| threads | seconds | streams | plain calls | chunks | calls/s | errors |"
                  + " connections at end (in use) | heap after GC at 1/3 | heap after GC at end |%n"
                  + "|---|---|---|---|---|---|---|---|---|---|%n"
                  + "| %d | %.1f | %d | %d | %d | %.0f | %d | %d (%d) | %.1f MiB | %.1f MiB |%n",
              THREADS,
              elapsed,
              streams.get(),
              plain.get(),
              chunks.get(),
              (streams.get() + plain.get()) / elapsed,
              problems.size(),
              connections,
              inUse,
              heapAtThird / 1048576.0,
              heapAtEnd / 1048576.0);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/soak.md"), figures);

      assertThat(problems).as("failures and wrong answers").isEmpty();
      assertThat(streams.get()).as("streams completed").isGreaterThan(THREADS);
      assertThat(inUse).as("connections still in use after every call ended").isZero();
      // Generous: GC timing and JIT vary, but a leak per call would add tens of MiB here.
      assertThat(heapAtEnd)
          .as("used heap after GC at the end")
          .isLessThan(heapAtThird + (32L << 20));
    } finally {
      http.dispatcher().executorService().shutdown();
      pool.evictAll();
    }
  }

  private static ChatRequest chat(int thread, int i) {
    return ChatRequest.builder("llama3.2")
        .message(Message.user("thread " + thread + " call " + i))
        .build();
  }

  private static int streamChat(
      OllamaClient client, int thread, int i, ConcurrentLinkedQueue<String> problems) {
    StringBuilder text = new StringBuilder();
    int count = 0;
    try (ResponseStream<ChatResponse> stream = client.chatStream(chat(thread, i))) {
      for (ChatResponse chunk : stream) {
        text.append(chunk.message().content());
        count++;
      }
      check(stream.aggregate().message().content(), STORY, "chat aggregate", problems);
    }
    check(text.toString(), STORY, "chat stream", problems);
    return count;
  }

  private static int streamGenerate(
      OllamaClient client, int thread, int i, ConcurrentLinkedQueue<String> problems) {
    StringBuilder text = new StringBuilder();
    int count = 0;
    GenerateRequest request =
        GenerateRequest.builder("llama3.2").prompt("thread " + thread + " call " + i).build();
    try (ResponseStream<GenerateResponse> stream = client.generateStream(request)) {
      for (GenerateResponse chunk : stream) {
        text.append(chunk.response());
        count++;
      }
    }
    check(text.toString(), STORY, "generate stream", problems);
    return count;
  }

  private static void check(
      String actual, String expected, String what, ConcurrentLinkedQueue<String> problems) {
    if (!expected.equals(actual)) {
      problems.add(what + ": expected \"" + expected + "\" but was \"" + actual + "\"");
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // Several rounds: one System.gc() may leave garbage from the moment before it.
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
