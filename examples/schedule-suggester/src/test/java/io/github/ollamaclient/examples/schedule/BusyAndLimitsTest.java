package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.Fixtures.MODEL;
import static io.github.ollamaclient.examples.schedule.Fixtures.OVERLAPPING_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.REQUEST_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.VALID_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.assertValidAnswer;
import static io.github.ollamaclient.examples.schedule.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.PromptMatcher;
import io.github.ollamaclient.testkit.RecordedRequest;
import io.github.ollamaclient.testkit.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What one page may ask of the GPU through the suggester, the counterpart of the cors-proxy's
 * BusyAndLimitsTest: one request at a time here (its answer and its retry), one more waiting, and
 * beyond that a 503 the page can read (Retry-After, CORS); tokens, tasks and titles capped.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "app.cors.allowed-origins=http://localhost:3000",
      "app.max-concurrent=1",
      "app.queue-size=1",
      "app.queue-timeout=5s",
      "app.max-num-predict=64",
      "app.max-tasks=3",
      "app.max-title-chars=20"
    })
class BusyAndLimitsTest {
  @RegisterExtension static final FakeOllama ollama = FakeOllama.create().withModel(MODEL);

  private static final String PATH = "/api/suggest-schedule";
  private static final String PAGE = "http://localhost:3000";

  /** The Japanese retry prompt starts with this. */
  private static final String RETRY_JA = "前の回答には次の問題がありました";

  @DynamicPropertySource
  static void ollamaProperties(DynamicPropertyRegistry registry) {
    registry.add("ollama.base-url", ollama::baseUrl);
  }

  @Value("${local.server.port}")
  int port;

  Fixtures.Http http;

  @BeforeEach
  void client() {
    http = new Fixtures.Http(port);
  }

  private CompletableFuture<HttpResponse<String>> suggestAsync() {
    return CompletableFuture.supplyAsync(() -> http.post(PATH, REQUEST_JA, "Origin", PAGE));
  }

  private static void awaitRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (ollama.requestCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(ollama.requestCount()).as("requests that reached Ollama").isEqualTo(count);
  }

  private static String request(String tasks) {
    return "{\"workingHours\":{\"start\":\"09:00\",\"end\":\"18:00\"},\"tasks\":[" + tasks + "]}";
  }

  @Test
  void oneRequestAsksOneWaitsAndTheNextIsToldToComeBack() throws Exception {
    // Each answer comes in chunks of 40 characters 200 ms apart, about a second; the first is
    // broken, so every suggestion asks twice and holds the only slot for about two seconds.
    Duration delay = Duration.ofMillis(200);
    ollama
        .model(MODEL)
        .reply(
            PromptMatcher.contains(RETRY_JA),
            Reply.json(VALID_JA).withTokenSize(40).withTokenDelay(delay))
        .reply(Reply.json(OVERLAPPING_JA).withTokenSize(40).withTokenDelay(delay));

    CompletableFuture<HttpResponse<String>> running = suggestAsync();
    awaitRequests(1);
    CompletableFuture<HttpResponse<String>> queued = suggestAsync();
    Thread.sleep(200); // the second is in the queue now, not at Ollama
    HttpResponse<String> refused = http.post(PATH, REQUEST_JA, "Origin", PAGE);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(refused.headers().allValues("Access-Control-Allow-Origin")).containsExactly(PAGE);
    assertThat(refused.headers().firstValue("Access-Control-Expose-Headers"))
        .hasValue("Retry-After");
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = tree(refused.body());
    assertThat(error.path("error").asText())
        .startsWith("Ollama is busy")
        .contains("app.max-concurrent")
        .contains("queue is full (app.queue-size 1)");
    assertThat(ollama.requestCount()).as("the queued and the refused never reached it").isOne();

    HttpResponse<String> first = running.get(15, TimeUnit.SECONDS);
    HttpResponse<String> second = queued.get(15, TimeUnit.SECONDS);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(assertValidAnswer(REQUEST_JA, first.body()).source()).isEqualTo("retry");
    assertThat(second.statusCode()).as("the queued request got the slot").isEqualTo(200);
    assertThat(assertValidAnswer(REQUEST_JA, second.body()).source()).isEqualTo("retry");

    // The slot was held across the first request's answer and retry: the queued one's first
    // call came only after both, never between them.
    List<RecordedRequest> calls = ollama.requests();
    assertThat(calls).hasSize(4);
    assertThat(calls.get(0).messages()).hasSize(2);
    assertThat(calls.get(1).messages()).as("the first request's retry").hasSize(4);
    assertThat(calls.get(2).messages()).as("the queued request's first call").hasSize(2);
    assertThat(calls.get(3).messages()).hasSize(4);
  }

  @Test
  void sendsTheTokenCapAsNumPredictOnEveryCall() {
    ollama
        .model(MODEL)
        .reply(PromptMatcher.contains(RETRY_JA), Reply.json(VALID_JA))
        .reply(Reply.json(OVERLAPPING_JA));

    HttpResponse<String> response = http.post(PATH, REQUEST_JA);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ollama.requests())
        .hasSize(2)
        .allSatisfy(
            call -> {
              assertThat(call.options().path("num_predict").asInt()).isEqualTo(64);
              assertThat(call.options().path("temperature").asDouble()).isEqualTo(0.1);
            });
  }

  @Test
  void refusesMoreTasksThanAllowedByNameBeforeAskingTheModel() {
    HttpResponse<String> response =
        http.post(
            PATH,
            request(
                "{\"title\":\"a\",\"minutes\":10},{\"title\":\"b\",\"minutes\":10},"
                    + "{\"title\":\"c\",\"minutes\":10},{\"title\":\"d\",\"minutes\":10}"),
            "Origin",
            PAGE);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly(PAGE);
    JsonNode error = tree(response.body());
    assertThat(error.path("error").asText())
        .isEqualTo("tasks must hold at most 3 tasks (app.max-tasks), held 4");
    assertThat(ollama.requestCount()).as("the model is never asked").isZero();
  }

  @Test
  void refusesATitleLongerThanAllowedByNameBeforeAskingTheModel() {
    HttpResponse<String> response =
        http.post(
            PATH,
            request(
                "{\"title\":\"a\",\"minutes\":10},{\"title\":\""
                    + "x".repeat(21)
                    + "\",\"minutes\":10}"));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = tree(response.body());
    assertThat(error.path("error").asText())
        .isEqualTo("tasks[1].title must be at most 20 characters (app.max-title-chars), was 21");
    assertThat(ollama.requestCount()).as("the model is never asked").isZero();
  }
}
