package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.FlowTckTest.ChunkedLines;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.models.PullRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Flow publishers ({@code chatFlow}, {@code generateFlow}, {@code pullFlow}) beyond what the
 * TCK checks ({@link FlowTckTest}): demand reaching the socket, cancel reaching the server, and the
 * client's own exception types.
 */
class FlowTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  @Test
  void deliversOnlyWhatWasRequestedThenTheRestAndCompletes() throws Exception {
    ollama.enqueue(new ChunkedLines(10).response());
    Recorder<ChatResponse> recorder = new Recorder<>();

    ollama.client().chatFlow(FlowTckTest.ask("qwen3", "count to ten")).subscribe(recorder);
    recorder.request(2);

    assertThat(recorder.next()).isEqualTo("token 0");
    assertThat(recorder.next()).isEqualTo("token 1");
    assertThat(recorder.poll(300)).as("nothing beyond the demand").isNull();

    recorder.request(100);
    for (int i = 2; i < 9; i++) {
      assertThat(recorder.next()).isEqualTo("token " + i);
    }
    assertThat(recorder.next()).as("the final chunk").isEqualTo("");
    assertThat(recorder.next()).isEqualTo(Recorder.COMPLETE);
    assertThat(recorder.signalThreads).doesNotContain(Thread.currentThread());
  }

  @Test
  void readsTheBodyOnlyAsDemandAllows() throws Exception {
    // 200,000 lines, about 25 MB: far more than the socket buffers hold. Without demand the server
    // cannot write them all; were the client reading ahead, it could.
    WatchedBody body = new WatchedBody(200_000);
    ollama.enqueue(body.response());
    Recorder<ChatResponse> recorder = new Recorder<>();

    ollama.client().chatFlow(FlowTckTest.ask("qwen3", "a long answer")).subscribe(recorder);
    recorder.request(1);
    assertThat(recorder.next()).isEqualTo("token 0");

    // The server writes until the socket buffers are full; on a busy machine that takes a while,
    // so wait until its count stops moving rather than for a fixed time.
    long settled = -1;
    for (int i = 0; i < 40; i++) {
      Thread.sleep(300);
      long now = body.lines.written.get();
      if (now == settled) {
        break;
      }
      settled = now;
    }
    assertThat(body.lines.written.get())
        .as("the server is held back while there is no demand")
        .isEqualTo(settled)
        .isLessThan(200_000);
    recorder.request(Long.MAX_VALUE);
    assertThat(body.finished.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(recorder.awaitTerminal(10)).isEqualTo(Recorder.COMPLETE);
    assertThat(recorder.items).hasSize(200_000);
  }

  @Test
  void cancelAbortsTheCallSoTheServerStops() throws Exception {
    WatchedBody endless = new WatchedBody(Long.MAX_VALUE);
    ollama.enqueue(endless.response());
    Recorder<ChatResponse> recorder = new Recorder<>();

    ollama.client().chatFlow(FlowTckTest.ask("qwen3", "never stop")).subscribe(recorder);
    recorder.request(3);
    assertThat(recorder.next()).isEqualTo("token 0");
    recorder.subscription.cancel();

    assertThat(endless.connectionClosed.await(5, TimeUnit.SECONDS))
        .as("the server saw the connection closed")
        .isTrue();
    ollama.assertNoConnectionInUse();
    // Up to the demand of 3 may have been on its way; nothing after the cancel, no terminal.
    Thread.sleep(100);
    assertThat(recorder.items).hasSizeLessThanOrEqualTo(3);
    assertThat(recorder.signals).doesNotContain(Recorder.COMPLETE);
    assertThat(recorder.errors).isEmpty();
  }

  @Test
  void cancelBeforeTheAnswerSendsNothingMoreAndLeavesNoConnection() throws Exception {
    Recorder<ChatResponse> recorder = new Recorder<>(true);

    ollama.client().chatFlow(FlowTckTest.ask("qwen3", "hi")).subscribe(recorder);

    assertThat(recorder.poll(200)).isNull();
    assertThat(ollama.server().getRequestCount()).as("cancelled in onSubscribe: no call").isZero();
  }

  @Test
  void unknownModelArrivesAsOnErrorWithoutAnyDemand() throws Exception {
    ollama.enqueueJson(404, "{\"error\":\"model \\\"llama3\\\" not found, try pulling it first\"}");
    Recorder<ChatResponse> recorder = new Recorder<>();

    ollama.client().chatFlow(FlowTckTest.ask("llama3", "hi")).subscribe(recorder);

    assertThat(recorder.awaitTerminal(5)).isEqualTo(Recorder.ERROR);
    assertThat(recorder.errors)
        .singleElement()
        .isInstanceOf(ModelNotFoundException.class)
        .extracting(Throwable::getMessage)
        .asString()
        .contains("ollama pull llama3");
    assertThat(recorder.items).isEmpty();
  }

  @Test
  void errorLineMidStreamArrivesAsOnErrorAfterTheChunksBeforeIt() throws Exception {
    ollama.enqueueNdjson(
        ChunkedLines.chunk(0), "{\"error\":\"an error was encountered while running the model\"}");
    Recorder<ChatResponse> recorder = new Recorder<>();

    ollama.client().chatFlow(FlowTckTest.ask("qwen3", "hi")).subscribe(recorder);
    recorder.request(10);

    assertThat(recorder.next()).isEqualTo("token 0");
    assertThat(recorder.next()).isEqualTo(Recorder.ERROR);
    assertThat(recorder.errors)
        .singleElement()
        .isInstanceOf(OllamaStreamException.class)
        .extracting(Throwable::getMessage)
        .asString()
        .contains("an error was encountered while running the model");
  }

  @Test
  void aNonPositiveRequestIsAnIllegalArgumentAndAbortsTheCall() throws Exception {
    WatchedBody endless = new WatchedBody(Long.MAX_VALUE);
    ollama.enqueue(endless.response());
    Recorder<ChatResponse> recorder = new Recorder<>();

    ollama.client().chatFlow(FlowTckTest.ask("qwen3", "hi")).subscribe(recorder);
    recorder.request(1);
    assertThat(recorder.next()).isEqualTo("token 0");
    recorder.request(0);

    assertThat(recorder.next()).isEqualTo(Recorder.ERROR);
    assertThat(recorder.errors)
        .singleElement()
        .isInstanceOf(IllegalArgumentException.class)
        .extracting(Throwable::getMessage)
        .asString()
        .contains("3.9");
    assertThat(endless.connectionClosed.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void eachSubscriptionSendsItsOwnCall() throws Exception {
    ollama.enqueue(new ChunkedLines(2).response());
    ollama.enqueue(new ChunkedLines(2).response());
    Flow.Publisher<ChatResponse> publisher = ollama.client().chatFlow(FlowTckTest.ask("q", "hi"));

    for (int i = 0; i < 2; i++) {
      Recorder<ChatResponse> recorder = new Recorder<>();
      publisher.subscribe(recorder);
      recorder.request(Long.MAX_VALUE);
      assertThat(recorder.awaitTerminal(5)).isEqualTo(Recorder.COMPLETE);
      assertThat(recorder.items).hasSize(2);
    }
    assertThat(ollama.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void generateFlowStreamsTheAnswer() throws Exception {
    ollama.enqueueNdjson(
        "{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T19:22:45.499127Z\","
            + "\"response\":\"Blue\",\"done\":false}",
        "{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T19:22:45.6Z\","
            + "\"response\":\".\",\"done\":true,\"done_reason\":\"stop\"}");
    Recorder<GenerateResponse> recorder = new Recorder<>();

    ollama
        .client()
        .generateFlow(GenerateRequest.builder("llama3.2").prompt("Why is the sky blue?").build())
        .subscribe(recorder);
    recorder.request(Long.MAX_VALUE);

    assertThat(recorder.awaitTerminal(5)).isEqualTo(Recorder.COMPLETE);
    assertThat(recorder.items).extracting(GenerateResponse::response).containsExactly("Blue", ".");
    assertThat(ollama.takeJsonBody().get("stream").asBoolean()).isTrue();
  }

  @Test
  void pullFlowStreamsTheProgressToSuccess() throws Exception {
    ollama.enqueueNdjson(
        "{\"status\":\"pulling manifest\"}",
        "{\"status\":\"verifying sha256 digest\"}",
        "{\"status\":\"success\"}");
    Recorder<ProgressResponse> recorder = new Recorder<>();

    ollama.client().pullFlow(PullRequest.builder("llama3.2").build()).subscribe(recorder);
    recorder.request(Long.MAX_VALUE);

    assertThat(recorder.awaitTerminal(5)).isEqualTo(Recorder.COMPLETE);
    assertThat(recorder.items)
        .extracting(ProgressResponse::status)
        .containsExactly("pulling manifest", "verifying sha256 digest", "success");
  }

  /**
   * A subscriber that records its signals: each chunk's text, {@link #COMPLETE} or {@link #ERROR}.
   */
  static final class Recorder<T> implements Flow.Subscriber<T> {
    static final String COMPLETE = "<complete>";
    static final String ERROR = "<error>";

    final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
    final List<T> items = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    final List<Thread> signalThreads = new ArrayList<>();
    private final boolean cancelAtOnce;
    volatile Flow.Subscription subscription;

    Recorder() {
      this(false);
    }

    Recorder(boolean cancelAtOnce) {
      this.cancelAtOnce = cancelAtOnce;
    }

    void request(long n) {
      subscription.request(n);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (cancelAtOnce) {
        subscription.cancel();
      }
    }

    @Override
    public synchronized void onNext(T item) {
      items.add(item);
      signalThreads.add(Thread.currentThread());
      signals.add(text(item));
    }

    @Override
    public synchronized void onError(Throwable throwable) {
      errors.add(throwable);
      signals.add(ERROR);
    }

    @Override
    public void onComplete() {
      signals.add(COMPLETE);
    }

    private static String text(Object item) {
      if (item instanceof ChatResponse chat) {
        return chat.message().content();
      }
      return String.valueOf(item);
    }

    /** The next signal, waiting up to 5 s. */
    String next() throws InterruptedException {
      String signal = signals.poll(5, TimeUnit.SECONDS);
      assertThat(signal).as("a signal within 5 s").isNotNull();
      return signal;
    }

    String poll(long millis) throws InterruptedException {
      return signals.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Skips chunks until the terminal signal. */
    String awaitTerminal(long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        String signal = signals.poll(100, TimeUnit.MILLISECONDS);
        if (COMPLETE.equals(signal) || ERROR.equals(signal)) {
          return signal;
        }
      }
      return null;
    }
  }

  /** {@link ChunkedLines} that tells when the server finished writing or lost the connection. */
  static final class WatchedBody implements MockResponseBody {
    final ChunkedLines lines;
    final CountDownLatch finished = new CountDownLatch(1);
    final CountDownLatch connectionClosed = new CountDownLatch(1);

    WatchedBody(long count) {
      this.lines = new ChunkedLines(count);
    }

    MockResponse response() {
      return FlowTckTest.chunkedNdjson(this);
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try {
        lines.writeTo(sink);
        finished.countDown();
      } catch (IOException e) {
        connectionClosed.countDown();
        throw e;
      }
    }
  }
}
