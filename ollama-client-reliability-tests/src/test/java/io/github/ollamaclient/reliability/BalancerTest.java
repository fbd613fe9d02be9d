package io.github.ollamaclient.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.stream.ResponseStream;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Fault;
import io.github.ollamaclient.testkit.RecordedRequest;
import io.github.ollamaclient.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One shared client through a real nginx ({@code least_conn}) in front of three fake Ollama servers
 * on loopback ports: 200 concurrent streams, a replica killed mid-stream, a replica whose queue is
 * full. Each test starts its own replicas and nginx (a killed replica is not brought back) and
 * stops them after. Figures go to {@code target/balancer-figures.md}, the source of the table in
 * {@code docs/scaling.md}. Needs nginx (see {@link Nginx#binary}): without it the tests fail.
 */
class BalancerTest {
  private static final String MODEL = "llama3.2";
  private static final String STORY =
      "The quick brown fox jumps over the lazy dog, again and again.";
  private static final int STREAMS = 200;
  private static final Map<String, String> FIGURES = new TreeMap<>();

  @TempDir Path dir;

  private final List<FakeOllama> replicas = new ArrayList<>();
  private Nginx nginx;
  private OkHttpClient http;
  private ConnectionPool pool;
  private OllamaClient client;
  private final ConcurrentLinkedQueue<Integer> statusesSeenByClient = new ConcurrentLinkedQueue<>();

  /** The prompt of call {@code i}; each call has its own, so its replica is found by it. */
  private static String prompt(int i) {
    return "call " + i;
  }

  /** The answer to call {@code i}: its own, so that crossed answers would show. */
  private static String answer(int i) {
    return "Answer " + i + ": " + STORY;
  }

  /**
   * Three replicas answering calls 0 to {@code calls - 1}, 4 characters a chunk with {@code
   * tokenDelay} between chunks, then nginx in front of them and one client through it.
   */
  private void start(int calls, Duration tokenDelay) throws Exception {
    for (int r = 0; r < 3; r++) {
      FakeOllama replica =
          FakeOllama.create()
              .withModel(
                  MODEL,
                  m -> {
                    for (int i = 0; i < calls; i++) {
                      String prompt = prompt(i);
                      m.reply(
                          request -> prompt.equals(request.userText()),
                          Reply.text(answer(i)).withTokenDelay(tokenDelay));
                    }
                  })
              .start();
      replicas.add(replica);
    }
    nginx = Nginx.start(dir, replicas.stream().map(FakeOllama::port).collect(Collectors.toList()));

    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(1024);
    dispatcher.setMaxRequestsPerHost(1024); // one host: nginx; OkHttp's default is 5
    pool = new ConnectionPool(STREAMS, 1, TimeUnit.MINUTES);
    http =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(pool)
            .addNetworkInterceptor(
                chain -> {
                  okhttp3.Response response = chain.proceed(chain.request());
                  statusesSeenByClient.add(response.code());
                  return response;
                })
            .build();
    client = OllamaClient.builder().baseUrl(nginx.baseUrl()).httpClient(http).build();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (http != null) {
      http.dispatcher().executorService().shutdownNow();
      pool.evictAll();
    }
    if (nginx != null) {
      nginx.close();
    }
    replicas.forEach(FakeOllama::close);
  }

  @AfterAll
  static void writeFigures() throws Exception {
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/balancer-figures.md"), String.join("", FIGURES.values()));
  }

  /** How one stream went: chunks and text delivered, time, and how it ended. */
  private record Outcome(
      int call, int chunks, String text, long nanos, Metrics metrics, OllamaException error) {
    boolean complete() {
      return error == null;
    }
  }

  private Outcome stream(OllamaClient through, int call, AtomicIntegerArray progress) {
    StringBuilder text = new StringBuilder();
    int chunks = 0;
    long start = System.nanoTime();
    ChatRequest request = ChatRequest.builder(MODEL).message(Message.user(prompt(call))).build();
    try (ResponseStream<ChatResponse> stream = through.chatStream(request)) {
      Metrics metrics = null;
      for (ChatResponse chunk : stream) {
        text.append(chunk.message().content());
        chunks++;
        if (progress != null) {
          progress.incrementAndGet(call);
        }
        if (chunk.done()) {
          metrics = chunk.metrics().orElse(null);
        }
      }
      return new Outcome(call, chunks, text.toString(), System.nanoTime() - start, metrics, null);
    } catch (OllamaException e) {
      return new Outcome(call, chunks, text.toString(), System.nanoTime() - start, null, e);
    }
  }

  /** {@code count} streams at once, calls {@code first} onwards, all released together. */
  private List<Outcome> wave(
      OllamaClient through, int first, int count, AtomicIntegerArray progress) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = first; i < first + count; i++) {
        int call = i;
        futures.add(
            threads.submit(
                () -> {
                  go.await();
                  return stream(through, call, progress);
                }));
      }
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get(90, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }

  /** Which replica (index) recorded each call's prompt, and how often. */
  private Map<Integer, List<Integer>> servedBy() {
    Map<Integer, List<Integer>> served = new HashMap<>();
    for (int r = 0; r < replicas.size(); r++) {
      for (RecordedRequest request : replicas.get(r).requests()) {
        String text = request.userText();
        if (text.startsWith("call ")) {
          served
              .computeIfAbsent(Integer.parseInt(text.substring(5)), k -> new ArrayList<>())
              .add(r);
        }
      }
    }
    return served;
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void twoHundredConcurrentStreamsAreCompleteExactAndSpreadOverEveryReplica() throws Exception {
    Duration tokenDelay = Duration.ofMillis(10);
    start(2 * STREAMS, tokenDelay); // 18 or 19 chunks of 4 characters, 10 ms apart
    String header =
        "| run | streams at once | served by replica 1 / 2 / 3 | wall time | calls/s |"
            + " latency p50 | latency p99 | client-side overhead p50 | overhead p99 | errors |\n"
            + "|---|---|---|---|---|---|---|---|---|---|\n";
    StringBuilder rows = new StringBuilder(header);

    for (int wave = 0; wave < 2; wave++) {
      long start = System.nanoTime();
      List<Outcome> outcomes = wave(client, wave * STREAMS, STREAMS, null);
      double seconds = (System.nanoTime() - start) / 1e9;

      Map<Integer, List<Integer>> served = servedBy();
      int[] perReplica = new int[3];
      for (Outcome outcome : outcomes) {
        List<Integer> by = served.getOrDefault(outcome.call(), List.of());
        by.forEach(r -> perReplica[r]++);
      }
      // The figures first, errors by type included, so that a failing run still reports them.
      rows.append(
          row(
              "through nginx, wave " + (wave + 1),
              outcomes,
              Arrays.stream(perReplica)
                  .mapToObj(Integer::toString)
                  .collect(Collectors.joining(" / ")),
              seconds,
              errorsByType(outcomes),
              tokenDelay));
      FIGURES.put("1 load", rows.toString());

      for (Outcome outcome : outcomes) {
        assertThat(outcome.error()).as("call %d", outcome.call()).isNull();
        assertThat(outcome.text()).as("call %d", outcome.call()).isEqualTo(answer(outcome.call()));
        assertThat(outcome.metrics()).as("call %d's final chunk", outcome.call()).isNotNull();
        assertThat(served.get(outcome.call()))
            .as("replicas that got call %d", outcome.call())
            .hasSize(1);
      }
      for (int r = 0; r < 3; r++) {
        assertThat(perReplica[r]).as("streams served by replica %d", r + 1).isGreaterThan(20);
      }
    }

    // No leaked connection between the client and nginx: none in use on either side; once the
    // client drops its idle ones, nginx holds only the connection asking for its status.
    awaitNoneInUse();
    int pooled = pool.connectionCount();
    Nginx.Status busy = nginx.status();
    assertThat(busy.writing()).as("nginx connections writing an answer: %s", busy).isEqualTo(1);
    assertThat(busy.reading()).as("nginx connections reading a request: %s", busy).isZero();
    pool.evictAll();
    Nginx.Status after = awaitNginxIdle();
    assertThat(after.active())
        .as("nginx connections after the client closed its idle ones: %s", after)
        .isEqualTo(1);

    // The same wave straight to one replica, for comparison: what nginx's hop costs.
    try (OllamaClient direct = client.newBuilder().baseUrl(replicas.get(0).baseUrl()).build()) {
      long start = System.nanoTime();
      List<Outcome> outcomes = wave(direct, 0, STREAMS, null);
      double seconds = (System.nanoTime() - start) / 1e9;
      for (Outcome outcome : outcomes) {
        assertThat(outcome.text()).isEqualTo(answer(outcome.call()));
      }
      rows.append(
          row(
              "straight to one replica",
              outcomes,
              "200 / - / -",
              seconds,
              errorsByType(outcomes),
              tokenDelay));
    }
    rows.append(
        String.format(
            Locale.ROOT,
            "%nAfter the waves: %d connections in the client's pool, none in use; nginx: %s"
                + " while asking, %s once the client closed its idle connections.%n",
            pooled,
            busy,
            after));
    FIGURES.put("1 load", rows.toString());
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aReplicaKilledMidStreamEndsItsStreamsInATypedExceptionAndNewCallsGoElsewhere()
      throws Exception {
    int inFlight = 30;
    int after = 30;
    String full = answer(0);
    start(inFlight + after, Duration.ofMillis(100)); // about 19 chunks: 2 s a stream
    FakeOllama victim = replicas.get(1);

    AtomicIntegerArray progress = new AtomicIntegerArray(inFlight);
    ExecutorService background = Executors.newSingleThreadExecutor();
    Future<List<Outcome>> running = background.submit(() -> wave(client, 0, inFlight, progress));
    // Kill the replica once every stream has delivered at least two chunks.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (IntStream.range(0, inFlight).anyMatch(i -> progress.get(i) < 2)) {
      assertThat(System.nanoTime()).as("all streams under way within 30 s").isLessThan(deadline);
      Thread.sleep(5);
    }
    victim.close();
    List<Outcome> later = wave(client, inFlight, after, null);
    List<Outcome> outcomes = running.get(90, TimeUnit.SECONDS);
    background.shutdown();
    assertThat(full.length()).isGreaterThan(4 * 10);

    Map<Integer, List<Integer>> served = servedBy();
    int cut = 0;
    for (Outcome outcome : outcomes) {
      List<Integer> by = served.get(outcome.call());
      assertThat(by).as("replicas that got call %d", outcome.call()).hasSize(1);
      String expected = answer(outcome.call());
      if (by.get(0) == 1) {
        cut++;
        // Never a silent partial: the stream ends in a typed exception...
        assertThat(outcome.error())
            .as("call %d, cut off with its replica", outcome.call())
            .isInstanceOfAny(OllamaConnectionException.class, OllamaProtocolException.class);
        // ... after exactly the chunks that arrived, each one the next 4 characters.
        assertThat(outcome.chunks()).isGreaterThanOrEqualTo(2);
        assertThat(outcome.text()).hasSize(4 * outcome.chunks());
        assertThat(expected).startsWith(outcome.text());
        assertThat(outcome.text()).isNotEqualTo(expected);
      } else {
        assertThat(outcome.error()).as("call %d on a surviving replica", outcome.call()).isNull();
        assertThat(outcome.text()).isEqualTo(expected);
      }
    }
    assertThat(cut).as("streams cut off with the killed replica").isGreaterThan(0);
    for (Outcome outcome : later) {
      assertThat(outcome.error()).as("call %d after the kill", outcome.call()).isNull();
      assertThat(outcome.text()).isEqualTo(answer(outcome.call()));
      assertThat(served.get(outcome.call())).doesNotContain(1);
    }
    awaitNoneInUse();

    Map<String, Long> errors = errorsByType(outcomes);
    IntSummaryStatistics cutChunks =
        outcomes.stream().filter(o -> !o.complete()).mapToInt(Outcome::chunks).summaryStatistics();
    FIGURES.put(
        "2 kill",
        String.format(
            Locale.ROOT,
            "%nReplica 2 killed mid-stream (%d streams at once, 2 s each): %d streams were on it"
                + " and ended in %s after %s chunks (of %d); %d on the other two completed; %d new"
                + " calls right after the kill all completed on the other two.%n",
            inFlight,
            cut,
            errors,
            cutChunks.getMin() == cutChunks.getMax()
                ? Integer.toString(cutChunks.getMin())
                : cutChunks.getMin() + " to " + cutChunks.getMax(),
            (full.length() + 3) / 4 + 1,
            inFlight - cut,
            after));
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void aReplicaWithAFullQueueIsSkippedAndTheCallLandsOnAnother() throws Exception {
    int calls = 6;
    start(calls, Duration.ZERO);
    FakeOllama busy = replicas.get(1);
    busy.failNext(
        Fault.status(
            503,
            "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}"));

    for (int i = 0; i < calls; i++) {
      ChatResponse reply =
          client.chat(ChatRequest.builder(MODEL).message(Message.user(prompt(i))).build());
      assertThat(reply.message().content()).isEqualTo(answer(i));
    }

    // The busy replica got exactly one request, answered 503; nginx passed that same request on
    // to another replica, which answered it. The client saw only 200s: it had nothing to retry.
    List<RecordedRequest> onBusy = busy.requests();
    assertThat(onBusy).hasSize(1);
    int refused = Integer.parseInt(onBusy.get(0).userText().substring(5));
    Map<Integer, List<Integer>> served = servedBy();
    assertThat(served.get(refused)).hasSize(2).containsOnlyOnce(1);
    for (int i = 0; i < calls; i++) {
      if (i != refused) {
        assertThat(served.get(i)).hasSize(1).doesNotContain(1);
      }
    }
    assertThat(statusesSeenByClient).hasSize(calls).containsOnly(200);
    List<String> passedOn =
        Files.readAllLines(nginx.accessLog()).stream()
            .filter(line -> line.contains("upstream_status=503, 200"))
            .collect(Collectors.toList());
    assertThat(passedOn).hasSize(1);
    FIGURES.put(
        "3 busy",
        String.format(
            Locale.ROOT,
            "%nReplica 2 answering 503 (queue full) once, %d calls one after the other: all %d"
                + " answered, the refused one by another replica (nginx's log: `%s`); the client"
                + " saw %d responses, all 200.%n",
            calls,
            calls,
            passedOn.get(0).replaceAll(" [0-9.]+$", ""),
            statusesSeenByClient.size()));
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void whenEveryReplicaIsBusyTheClientsOwnRetryLandsOnOneWithRoom() throws Exception {
    start(1, Duration.ZERO);
    for (FakeOllama replica : replicas) {
      replica.failNext(
          Fault.status(
              503,
              "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}"));
    }

    long start = System.nanoTime();
    ChatResponse reply =
        client.chat(ChatRequest.builder(MODEL).message(Message.user(prompt(0))).build());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // nginx tried all three (proxy_next_upstream_tries 3) and passed the last 503 on; the client
    // waited (RetryPolicy.defaults()) and sent the call again, which a replica then answered. The
    // last replica nginx tried is not disabled for the 503 it passed on, so the retry finds a
    // live upstream rather than nginx's 502 "no live upstreams", which the client would not retry.
    assertThat(reply.message().content()).isEqualTo(answer(0));
    assertThat(statusesSeenByClient).containsExactly(503, 200);
    assertThat(servedBy().get(0)).hasSize(4).contains(0, 1, 2);
    List<String> log = Files.readAllLines(nginx.accessLog());
    assertThat(log).hasSize(2);
    assertThat(log.get(0)).contains(" 503 ").contains("upstream_status=503, 503, 503");
    assertThat(log.get(1)).contains(" 200 ").contains("upstream_status=200");
    FIGURES.put(
        "4 all busy",
        String.format(
            Locale.ROOT,
            "%nAll three replicas answering 503 once, one call: nginx tried all three and answered"
                + " 503; the client retried after its backoff and got the answer (%d ms in all;"
                + " statuses seen by the client %s).%n",
            millis,
            statusesSeenByClient));
  }

  private void awaitNoneInUse() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (pool.connectionCount() != pool.idleConnectionCount() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(pool.connectionCount() - pool.idleConnectionCount())
        .as("client connections still in use after every call ended")
        .isZero();
  }

  private Nginx.Status awaitNginxIdle() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Nginx.Status status = nginx.status();
    while (status.active() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      status = nginx.status();
    }
    return status;
  }

  private static Map<String, Long> errorsByType(List<Outcome> outcomes) {
    return outcomes.stream()
        .filter(o -> !o.complete())
        .collect(
            Collectors.groupingBy(
                o -> o.error().getClass().getSimpleName(), TreeMap::new, Collectors.counting()));
  }

  /**
   * A figures row. Latency is the client's, from asking to the final chunk; the overhead is that
   * minus the replica's scripted pace (a pause of {@code tokenDelay} before every chunk of 4
   * characters but the first): what the client, nginx and the busy machine add to the model's time.
   */
  private static String row(
      String run,
      List<Outcome> outcomes,
      String spread,
      double seconds,
      Map<String, Long> errors,
      Duration tokenDelay) {
    long[] latency = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
    long[] overhead =
        outcomes.stream()
            .mapToLong(
                o -> {
                  int chunks = (answer(o.call()).length() + 3) / 4;
                  return o.nanos() - tokenDelay.toNanos() * (chunks - 1);
                })
            .sorted()
            .toArray();
    return String.format(
        Locale.ROOT,
        "| %s | %d | %s | %.2f s | %.0f | %.0f ms | %.0f ms | %.1f ms | %.1f ms | %s |%n",
        run,
        outcomes.size(),
        spread,
        seconds,
        outcomes.size() / seconds,
        percentile(latency, 50) / 1e6,
        percentile(latency, 99) / 1e6,
        percentile(overhead, 50) / 1e6,
        percentile(overhead, 99) / 1e6,
        errors.isEmpty() ? "none" : errors.toString());
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
