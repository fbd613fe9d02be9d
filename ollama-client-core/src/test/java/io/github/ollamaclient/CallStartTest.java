package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallHandle;
import io.github.ollamaclient.observe.CallStart;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.stream.ResponseStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link OllamaListener#onCallStarted}: every call starts once, on the thread that starts it,
 * before it ends, and its end reaches the handle its start returned.
 */
class CallStartTest {
  private final Recorder recorder = new Recorder();

  @RegisterExtension
  final MockOllama ollama = new MockOllama(builder -> builder.listener(recorder));

  /** Records starts and ends in order; each handle knows the start it belongs to. */
  static final class Recorder implements OllamaListener {
    final List<String> sequence = new CopyOnWriteArrayList<>();
    final List<CallStart> starts = new CopyOnWriteArrayList<>();
    final List<CallEvent> ends = new CopyOnWriteArrayList<>();
    final List<Thread> startThreads = new CopyOnWriteArrayList<>();
    final Map<CallStart, CallEvent> pairs = new ConcurrentHashMap<>();
    final AtomicInteger unpairedEnds = new AtomicInteger();
    final AtomicInteger ids = new AtomicInteger();

    @Override
    public void onCallFinished(CallEvent event) {
      // Every call here starts through onCallStarted, whose handle takes its end.
      unpairedEnds.incrementAndGet();
    }

    @Override
    public CallHandle onCallStarted(CallStart start) {
      int id = ids.incrementAndGet();
      starts.add(start);
      startThreads.add(Thread.currentThread());
      sequence.add("start " + id);
      return event -> {
        sequence.add("end " + id);
        ends.add(event);
        assertThat(pairs.put(start, event)).as("a second end for one start").isNull();
      };
    }

    /** Waits up to {@code seconds} for {@code count} ends. */
    void awaitEnds(int count, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (ends.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(ends).as("ends heard").hasSize(count);
    }
  }

  private static String chunk(String content) {
    return "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\"},\"done\":false}";
  }

  private static String finalChunk(String model) {
    return "{\"model\":\""
        + model
        + "\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
        + "\"done_reason\":\"stop\",\"prompt_eval_count\":7,\"eval_count\":3}";
  }

  private static ChatRequest ask(String model, String question) {
    return ChatRequest.builder(model).message(Message.user(question)).build();
  }

  @Test
  void aPlainCallStartsOnTheCallersThreadAndEndsThroughItsHandleWithTheWholeAnswer() {
    ollama.enqueueNdjson(chunk("Hel"), chunk("lo"), finalChunk("llama3.2"));
    ChatRequest request = ask("llama3.2", "Hi");

    ChatResponse reply = ollama.client().chat(request);

    assertThat(recorder.sequence).containsExactly("start 1", "end 1");
    assertThat(recorder.startThreads).containsExactly(Thread.currentThread());
    CallStart start = recorder.starts.get(0);
    assertThat(start.operation()).isEqualTo("chat");
    assertThat(start.method()).isEqualTo("POST");
    assertThat(start.path()).isEqualTo("/api/chat");
    assertThat(start.model()).contains("llama3.2");
    assertThat(start.streamed()).isFalse();
    assertThat(start.serverAddress()).isEqualTo(ollama.server().getHostName());
    assertThat(start.serverPort()).isEqualTo(ollama.server().getPort());
    assertThat(start.request()).containsSame(request);
    CallEvent end = recorder.ends.get(0);
    assertThat(end.outcome()).isEqualTo(CallEvent.Outcome.SUCCESS);
    assertThat(end.answer()).contains(reply);
    assertThat(reply.message().content()).isEqualTo("Hello");
    assertThat(reply.doneReason()).contains("stop");
    assertThat(recorder.unpairedEnds).hasValue(0);
  }

  @Test
  void callsWithoutARequestOfTheClientsTypesStartWithoutOne() {
    ollama.enqueueJson("{\"version\":\"0.12.6\"}");
    ollama.enqueueJson("{\"models\":[]}");

    ollama.client().version();
    ollama.client().list();

    assertThat(recorder.starts)
        .extracting(CallStart::operation, CallStart::request, CallStart::model)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "version", java.util.Optional.empty(), java.util.Optional.empty()),
            org.assertj.core.groups.Tuple.tuple(
                "list", java.util.Optional.empty(), java.util.Optional.empty()));
    assertThat(recorder.ends).allSatisfy(end -> assertThat(end.answer()).isEmpty());
  }

  @Test
  void anEmbedCallEndsWithItsAnswer() {
    ollama.enqueueJson(
        "{\"model\":\"all-minilm\",\"embeddings\":[[0.5,0.5]],\"prompt_eval_count\":4}");

    EmbedResponse answer =
        ollama.client().embed(EmbedRequest.builder("all-minilm").input("Hello").build());

    assertThat(recorder.starts.get(0).request()).get().isInstanceOf(EmbedRequest.class);
    assertThat(recorder.ends.get(0).answer()).contains(answer);
    assertThat(recorder.ends.get(0).metrics().orElseThrow().promptEvalCount()).isEqualTo(4);
  }

  @Test
  void aStreamStartsWhenOpenedAndEndsAtItsFinalChunkBeforeItIsClosed() {
    ollama.enqueueNdjson(chunk("Hello"), chunk(" world"), finalChunk("llama3.2"));

    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(ask("llama3.2", "Hi"))) {
      assertThat(recorder.sequence).containsExactly("start 1");
      assertThat(recorder.starts.get(0).streamed()).isTrue();
      Iterator<ChatResponse> chunks = stream.iterator();
      chunks.next();
      chunks.next();
      assertThat(recorder.ends).isEmpty();
      chunks.next();

      assertThat(recorder.sequence).containsExactly("start 1", "end 1");
      CallEvent end = recorder.ends.get(0);
      assertThat(end.outcome()).isEqualTo(CallEvent.Outcome.SUCCESS);
      assertThat(end.answer())
          .get()
          .isInstanceOfSatisfying(
              ChatResponse.class,
              whole -> {
                assertThat(whole.message().content()).isEqualTo("Hello world");
                assertThat(whole.doneReason()).contains("stop");
                assertThat(whole.metrics().orElseThrow().evalCount()).isEqualTo(3);
              });
      assertThat(stream.aggregate()).isSameAs(end.answer().orElseThrow());
    }
    assertThat(recorder.ends).hasSize(1);
  }

  @Test
  void aStreamCancelledMidwayEndsOnceAsCancelled() {
    ollama.enqueueNdjson(chunk("Hello"), chunk(" world"), finalChunk("llama3.2"));

    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(ask("llama3.2", "Hi"))) {
      stream.iterator().next();
      stream.cancel();
      assertThat(recorder.ends).hasSize(1);
    }

    assertThat(recorder.sequence).containsExactly("start 1", "end 1");
    assertThat(recorder.ends.get(0).outcome()).isEqualTo(CallEvent.Outcome.CANCELLED);
    assertThat(recorder.ends.get(0).answer()).isEmpty();
  }

  @Test
  void aStreamEndsAtItsErrorLine() {
    ollama.enqueueNdjson(chunk("Hello"), "{\"error\":\"out of memory\"}");

    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(ask("llama3.2", "Hi"))) {
      assertThatThrownBy(() -> stream.forEach(chunk -> {}))
          .isInstanceOf(OllamaStreamException.class);
    }

    assertThat(recorder.sequence).containsExactly("start 1", "end 1");
    assertThat(recorder.ends.get(0).outcome()).isEqualTo(CallEvent.Outcome.ERROR);
    assertThat(recorder.ends.get(0).error()).get().isInstanceOf(OllamaStreamException.class);
  }

  @Test
  void aCallRefusedBeforeItsStreamStartsAndEnds() {
    ollama.enqueueJson(404, "{\"error\":\"model \\\"nope\\\" not found, try pulling it first\"}");

    assertThatThrownBy(() -> ollama.client().chatStream(ask("nope", "Hi")))
        .isInstanceOf(ModelNotFoundException.class);

    assertThat(recorder.sequence).containsExactly("start 1", "end 1");
    assertThat(recorder.ends.get(0).error()).get().isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void everyEndMeetsItsOwnStartAcrossConcurrentCalls() throws Exception {
    // Each answer names the model its request named, so a handle can tell its own call's end.
    ollama
        .server()
        .setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                JsonNode body = MockOllama.parse(request);
                return new MockResponse.Builder()
                    .setHeader("Content-Type", "application/x-ndjson")
                    .body(finalChunk(body.path("model").asText()) + "\n")
                    .build();
              }
            });
    int threads = 8;
    int callsEach = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < callsEach; i++) {
                    ollama.client().chat(ask("model-" + thread + "-" + i, "Hi"));
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    int calls = threads * callsEach;
    assertThat(recorder.starts).hasSize(calls);
    assertThat(recorder.pairs).hasSize(calls);
    recorder.pairs.forEach(
        (start, end) -> {
          assertThat(end.model()).isEqualTo(start.model());
          assertThat(((ChatResponse) end.answer().orElseThrow()).model())
              .isEqualTo(start.model().orElseThrow());
        });
    for (int id = 1; id <= calls; id++) {
      assertThat(recorder.sequence.indexOf("start " + id))
          .as("call %d starts before it ends", id)
          .isLessThan(recorder.sequence.indexOf("end " + id));
    }
  }

  @Test
  void aStartThatThrowsLeavesTheCallAndSendsItsEndToOnCallFinished() throws Exception {
    List<CallEvent> heard = new CopyOnWriteArrayList<>();
    OllamaListener failing =
        new OllamaListener() {
          @Override
          public void onCallFinished(CallEvent event) {
            heard.add(event);
          }

          @Override
          public CallHandle onCallStarted(CallStart start) {
            throw new IllegalStateException("listener bug");
          }
        };
    ollama.enqueueJson("{\"version\":\"0.12.6\"}");

    try (OllamaClient client = ollama.newClientBuilder().listener(failing).build()) {
      assertThat(client.version()).isEqualTo("0.12.6");
    }

    assertThat(heard).singleElement().extracting(CallEvent::operation).isEqualTo("version");
  }

  @Test
  void aListenerOfEndsAloneStillHearsEveryCall() {
    List<CallEvent> heard = new CopyOnWriteArrayList<>();
    ollama.enqueueJson("{\"version\":\"0.12.6\"}");

    try (OllamaClient client = ollama.newClientBuilder().listener(heard::add).build()) {
      client.version();
    }

    assertThat(heard)
        .singleElement()
        .extracting(CallEvent::outcome)
        .isEqualTo(CallEvent.Outcome.SUCCESS);
  }

  @Test
  void aStreamDroppedWithoutCloseIsCancelledAndEndedOnceCollected() throws Exception {
    // The head and the first line at once (the throttle counts the head's bytes too), the rest
    // of a long second line only after 30 s: the stream is left in the middle.
    String first = chunk("Once") + "\n";
    ollama.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .body(first + chunk(" upon".repeat(400)) + "\n" + finalChunk("llama3.2") + "\n")
            .throttleBody(first.getBytes(StandardCharsets.UTF_8).length + 512, 30, TimeUnit.SECONDS)
            .build());

    readOneChunkAndDropTheStream();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (recorder.ends.isEmpty() && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(50);
    }

    assertThat(recorder.sequence).containsExactly("start 1", "end 1");
    assertThat(recorder.ends.get(0).outcome()).isEqualTo(CallEvent.Outcome.CANCELLED);
    // The call was aborted, so its connection is free again (also checked after each test).
    ollama.assertNoConnectionInUse();
  }

  private void readOneChunkAndDropTheStream() {
    ResponseStream<ChatResponse> stream =
        ollama.client().chatStream(ask("llama3.2", "Tell me a long story."));
    assertThat(stream.iterator().next().message().content()).isEqualTo("Once");
  }

  @Test
  void anAsyncCallCancelledWhileWaitingToRetryEnds() throws Exception {
    ollama.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Retry-After", "5")
            .setHeader("Content-Type", "application/json")
            .body("{\"error\":\"server busy\"}")
            .build());

    CompletableFuture<ChatResponse> future =
        ollama.client().chatAsync(ask("llama3.2", "Hi"), chunk -> {});
    ollama.takeRequest();
    Thread.sleep(200); // the 503 is read and the retry's wait has begun
    future.cancel(true);

    recorder.awaitEnds(1, 10);
    assertThat(recorder.startThreads).containsExactly(Thread.currentThread());
    assertThat(recorder.ends.get(0).outcome()).isEqualTo(CallEvent.Outcome.CANCELLED);
  }

  @Test
  void aFlowCancelledWhileWaitingToRetryEnds() throws Exception {
    ollama.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Retry-After", "5")
            .setHeader("Content-Type", "application/json")
            .body("{\"error\":\"server busy\"}")
            .build());
    CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();

    ollama
        .client()
        .chatFlow(ask("llama3.2", "Hi"))
        .subscribe(
            new Flow.Subscriber<ChatResponse>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscribed.complete(subscription);
              }

              @Override
              public void onNext(ChatResponse item) {}

              @Override
              public void onError(Throwable throwable) {}

              @Override
              public void onComplete() {}
            });
    ollama.takeRequest();
    Thread.sleep(200);
    subscribed.get(5, TimeUnit.SECONDS).cancel();

    recorder.awaitEnds(1, 10);
    assertThat(recorder.startThreads).containsExactly(Thread.currentThread());
    assertThat(recorder.ends.get(0).outcome()).isEqualTo(CallEvent.Outcome.CANCELLED);
  }
}
