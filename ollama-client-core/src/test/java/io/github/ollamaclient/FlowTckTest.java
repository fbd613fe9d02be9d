package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.models.PullRequest;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;

/**
 * The three publishers of the client, {@link OllamaClient#chatFlow}, {@link
 * OllamaClient#generateFlow} and {@link OllamaClient#pullFlow}, against the Reactive Streams TCK
 * ({@code reactive-streams-tck-flow}), the independent test suite of the publisher contract. They
 * share one implementation today; each runs the whole TCK, so that one of them built differently
 * later cannot escape it.
 *
 * <p>The TCK is written for TestNG. Rather than add a TestNG engine, each of its rules (every
 * {@code @Test} method of {@link PublisherVerification}) runs here as a JUnit dynamic test named
 * after the rule, after the TCK's own {@code @BeforeMethod}. A rule the TCK skips (its {@code
 * untested_*} rules, and an {@code optional_*} rule that failed) is reported as skipped (aborted)
 * with the TCK's reason, as is an optional rule that left an unexpected signal behind (the TCK
 * checks for those after its required rules only), and only the skips listed in {@link
 * #EXPECTED_SKIPS} are allowed: any other skip, such as an optional rule that stopped passing,
 * fails the test.
 *
 * <p>The server is a MockWebServer that answers each request with a stream of exactly as many lines
 * as the request says (the chat's message, the generate prompt, the number after {@code tck-} in
 * the pulled model's name; the final line counted, as the streams deliver it), written lazily so
 * that a stream of {@link Integer#MAX_VALUE} lines costs only what is read; the model {@code
 * failing} gets an HTTP 500.
 */
class FlowTckTest {
  /** The rules the TCK reports as skipped here, with why. */
  private static final Map<String, String> EXPECTED_SKIPS =
      Map.of(
          "untested_spec106_mustConsiderSubscriptionCancelledAfterOnErrorOrOnCompleteHasBeenCalled",
          "the TCK cannot check it",
          "untested_spec107_mustNotEmitFurtherSignalsOnceOnErrorHasBeenSignalled",
          "the TCK cannot check it",
          "untested_spec108_possiblyCanceledSubscriptionShouldNotReceiveOnErrorOrOnCompleteSignals",
          "the TCK cannot check it",
          "untested_spec109_subscribeShouldNotThrowNonFatalThrowable",
          "the TCK cannot check it",
          "untested_spec110_rejectASubscriptionRequestIfTheSameSubscriberSubscribesTwice",
          "the TCK cannot check it",
          "untested_spec304_requestShouldNotPerformHeavyComputations",
          "the TCK cannot check it",
          "untested_spec305_cancelMustNotSynchronouslyPerformHeavyComputation",
          "the TCK cannot check it",
          // An Ollama stream always ends with its final chunk: a body of no lines is a broken
          // stream, signalled as OllamaProtocolException, not an empty answer.
          "optional_spec105_emptyStreamMustTerminateBySignallingOnComplete",
          "an Ollama stream is never empty");

  private static final String FAILING_MODEL = "failing";

  @RegisterExtension final MockOllama ollama = new MockOllama();

  @TestFactory
  Stream<DynamicContainer> reactiveStreamsTck() {
    ollama.server().setDispatcher(new ChunkCountDispatcher());
    OllamaClient client = ollama.client();
    return Stream.of(
        rules(
            "chatFlow",
            new Verification(
                elements -> client.chatFlow(ask("tck", Long.toString(elements))),
                () -> client.chatFlow(ask(FAILING_MODEL, "0")))),
        rules(
            "generateFlow",
            new Verification(
                elements ->
                    client.generateFlow(
                        GenerateRequest.builder("tck").prompt(Long.toString(elements)).build()),
                () ->
                    client.generateFlow(
                        GenerateRequest.builder(FAILING_MODEL).prompt("0").build()))),
        rules(
            "pullFlow",
            new Verification(
                elements -> client.pullFlow(PullRequest.builder("tck-" + elements).build()),
                () -> client.pullFlow(PullRequest.builder(FAILING_MODEL).build()))));
  }

  private static DynamicContainer rules(String publisher, Verification verification) {
    return DynamicContainer.dynamicContainer(
        publisher,
        Arrays.stream(PublisherVerification.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()))
            .filter(m -> m.isAnnotationPresent(org.testng.annotations.Test.class))
            .sorted(Comparator.comparing(Method::getName))
            .map(rule -> DynamicTest.dynamicTest(rule.getName(), () -> check(verification, rule))));
  }

  private static void check(Verification verification, Method rule) throws Throwable {
    String name = rule.getName();
    verification.setUp();
    try {
      rule.invoke(verification);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SkipException skip) {
        if (!EXPECTED_SKIPS.containsKey(name)) {
          fail("The TCK skipped " + name + ", which should pass: " + skip.getMessage(), skip);
        }
        throw new TestAbortedException(
            name + " skipped by the TCK (" + EXPECTED_SKIPS.get(name) + "): " + skip.getMessage());
      }
      throw e.getCause();
    }
    // The TCK records a subscriber's unexpected signal as an "async error" and checks for them
    // after its required rules only: an optional rule could look passed with one pending.
    try {
      verification.env.verifyNoAsyncErrorsNoDelay();
    } catch (AssertionError unmet) {
      if (EXPECTED_SKIPS.containsKey(name)) {
        throw new TestAbortedException(
            name + " not met (" + EXPECTED_SKIPS.get(name) + "): " + unmet.getMessage(), unmet);
      }
      throw unmet;
    }
    assertThat(EXPECTED_SKIPS)
        .as("%s passed: take it off the expected skips", name)
        .doesNotContainKey(name);
  }

  /** The publisher under test, made for a request that asks for n lines, and a failing one. */
  static final class Verification extends FlowPublisherVerification<Object> {
    private final LongFunction<Flow.Publisher<?>> publisher;
    private final Supplier<Flow.Publisher<?>> failed;
    private final TestEnvironment env;

    Verification(LongFunction<Flow.Publisher<?>> publisher, Supplier<Flow.Publisher<?>> failed) {
      // 5 s for an expected signal (one local HTTP round trip), 100 ms for "nothing more", and
      // a look every 10 ms while waiting for an error (by default the TCK sleeps 5 s first).
      this(publisher, failed, new TestEnvironment(5_000, 100, 10));
    }

    private Verification(
        LongFunction<Flow.Publisher<?>> publisher,
        Supplier<Flow.Publisher<?>> failed,
        TestEnvironment env) {
      super(env);
      this.publisher = publisher;
      this.failed = failed;
      this.env = env;
    }

    @Override
    public Flow.Publisher<Object> createFlowPublisher(long elements) {
      return widen(publisher.apply(elements));
    }

    @Override
    public Flow.Publisher<Object> createFailedFlowPublisher() {
      return widen(failed.get());
    }

    /** A publisher only emits, so one of answers serves as a publisher of objects. */
    @SuppressWarnings("unchecked")
    private static Flow.Publisher<Object> widen(Flow.Publisher<?> publisher) {
      return (Flow.Publisher<Object>) publisher;
    }
  }

  static ChatRequest ask(String model, String text) {
    return ChatRequest.builder(model).message(Message.user(text)).build();
  }

  /** Serves each request a stream of as many lines as it asks for. */
  static final class ChunkCountDispatcher extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      JsonNode body = MockOllama.parse(request);
      String model = body.path("model").asText();
      if (model.equals(FAILING_MODEL)) {
        return new MockResponse.Builder()
            .code(500)
            .setHeader("Content-Type", "application/json; charset=utf-8")
            .body("{\"error\":\"the TCK's failing publisher\"}")
            .build();
      }
      String path = request.getUrl().encodedPath();
      switch (path) {
        case "/api/chat":
          return new ChunkedLines(
                  Long.parseLong(body.path("messages").path(0).path("content").asText()))
              .response();
        case "/api/generate":
          return new ChunkedLines(
                  Long.parseLong(body.path("prompt").asText()), GENERATE_LINE, GENERATE_LAST)
              .response();
        case "/api/pull":
          return new ChunkedLines(
                  Long.parseLong(model.substring("tck-".length())), PULL_LINE, PULL_LAST)
              .response();
        default:
          throw new AssertionError("the TCK does not call " + path);
      }
    }
  }

  private static final LongFunction<String> GENERATE_LINE =
      i ->
          "{\"model\":\"tck\",\"created_at\":\"2025-05-29T09:35:56.012222Z\",\"response\":"
              + "\"token "
              + i
              + "\",\"done\":false}";

  private static final String GENERATE_LAST =
      "{\"model\":\"tck\",\"created_at\":\"2025-05-29T09:35:57.5Z\",\"response\":\"\","
          + "\"done\":true,\"done_reason\":\"stop\",\"eval_count\":3}";

  private static final LongFunction<String> PULL_LINE =
      i ->
          "{\"status\":\"pulling 8eeb52dfb3bb\",\"digest\":\"sha256:8eeb52dfb3bb\","
              + "\"total\":1000000000,\"completed\":"
              + i
              + "}";

  private static final String PULL_LAST = "{\"status\":\"success\"}";

  /** An NDJSON answer whose body writes itself chunk by chunk, as Ollama streams. */
  static MockResponse chunkedNdjson(MockResponseBody body) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/x-ndjson")
        .body(body)
        .removeHeader("Content-Length")
        .setHeader("Transfer-Encoding", "chunked")
        .build();
  }

  /**
   * A chunked NDJSON body of {@code count} lines (chat chunks unless told otherwise), the last one
   * final ({@link Long#MAX_VALUE}: never ending), written as the client reads it.
   */
  static final class ChunkedLines implements MockResponseBody {
    private final long count;
    private final LongFunction<String> line;
    private final String last;

    /** How many lines were written so far. */
    final AtomicLong written = new AtomicLong();

    ChunkedLines(long count) {
      this(count, ChunkedLines::chunk, finalChunk());
    }

    ChunkedLines(long count, LongFunction<String> line, String last) {
      this.count = count;
      this.line = line;
      this.last = last;
    }

    MockResponse response() {
      return chunkedNdjson(this);
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      for (long i = 0; i < count; i++) {
        boolean ending = i == count - 1 && count != Long.MAX_VALUE;
        writeChunk(sink, (ending ? last : line.apply(i)) + "\n");
        sink.flush();
        written.incrementAndGet();
      }
      sink.writeUtf8("0\r\n");
      sink.flush();
    }

    static String chunk(long i) {
      return "{\"model\":\"tck\",\"created_at\":\"2025-05-29T09:35:56.012222Z\",\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"token "
          + i
          + "\"},\"done\":false}";
    }

    static String finalChunk() {
      return "{\"model\":\"tck\",\"created_at\":\"2025-05-29T09:35:57.5Z\",\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
          + "\"total_duration\":2000000000,\"eval_count\":3,\"eval_duration\":1000000000}";
    }

    private static void writeChunk(BufferedSink sink, String text) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n");
      sink.write(bytes).writeUtf8("\r\n");
    }
  }
}
