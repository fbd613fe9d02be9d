package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.testkit.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * What one page may ask of the GPU through the proxy: one call at a time here, one more waiting,
 * and beyond that a 503 the page can read (Retry-After, CORS); tokens and prompt size capped.
 */
@TestPropertySource(
    properties = {
      "app.max-concurrent=1",
      "app.queue-size=1",
      "app.queue-timeout=5s",
      "app.max-num-predict=64",
      "app.max-prompt-chars=50"
    })
class BusyAndLimitsTest extends ProxyTestBase {
  private static String chat(String content) {
    return "{\"model\":\""
        + DEFAULT_MODEL
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + content
        + "\"}]}";
  }

  private CompletableFuture<HttpResponse<String>> postAsync(String json) {
    return http.sendAsync(
        request("/api/chat", "Origin", ALLOWED)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private void awaitRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (ollama.requestCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(ollama.requestCount()).as("requests that reached Ollama").isEqualTo(count);
  }

  @Test
  void oneCallRunsOneWaitsAndTheNextIsToldToComeBack() throws Exception {
    // Six tokens 250 ms apart: the first call holds the only slot for about 1.5 s.
    ollama
        .model(DEFAULT_MODEL)
        .reply(Reply.text("aaaaaa").withTokenSize(1).withTokenDelay(Duration.ofMillis(250)));

    CompletableFuture<HttpResponse<String>> running = postAsync(chat("first"));
    awaitRequests(1);
    CompletableFuture<HttpResponse<String>> queued = postAsync(chat("second"));
    Thread.sleep(200); // the second is in the queue now, not at Ollama
    HttpResponse<String> refused = post("/api/chat", chat("third"), "Origin", ALLOWED);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("5");
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);
    assertThat(refused.headers().firstValue("Access-Control-Expose-Headers"))
        .contains("Retry-After");
    assertThat(error(refused))
        .contains("Ollama is busy")
        .contains("app.max-concurrent")
        .contains("queue is full (app.queue-size 1)");
    assertThat(ollama.requestCount()).as("the queued and the refused never reached it").isOne();

    HttpResponse<String> first = running.get(10, TimeUnit.SECONDS);
    HttpResponse<String> second = queued.get(10, TimeUnit.SECONDS);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("\"done\":true");
    assertThat(second.statusCode()).as("the queued call got the slot").isEqualTo(200);
    assertThat(second.body()).contains("\"done\":true");
    assertThat(ollama.requestCount()).isEqualTo(2);
  }

  @Test
  void aRequestWithoutATokenLimitGetsTheProxysOne() throws Exception {
    HttpResponse<String> response = post("/api/chat", chat("hi"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ollama.lastRequest().body().path("options").path("num_predict").asInt())
        .isEqualTo(64);
  }

  @Test
  void aRequestForMoreTokensThanAllowedIsRefusedByName() throws Exception {
    String asksFor100 =
        "{\"model\":\""
            + DEFAULT_MODEL
            + "\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_predict\":100}}";
    String asksForever =
        "{\"model\":\""
            + DEFAULT_MODEL
            + "\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_predict\":-1}}";

    HttpResponse<String> tooMany = post("/api/generate", asksFor100);
    HttpResponse<String> forever = post("/api/generate", asksForever);

    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(error(tooMany))
        .isEqualTo(
            "options.num_predict must be an integer from 0 to 64 (app.max-num-predict), was 100");
    assertThat(forever.statusCode()).isEqualTo(400);
    assertThat(error(forever)).startsWith("options.num_predict must be an integer from 0 to 64");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void aPromptLongerThanAllowedIsRefusedByName() throws Exception {
    HttpResponse<String> response = post("/api/chat", chat("x".repeat(51)));
    HttpResponse<String> asked = post("/ask-llm", "{\"prompt\":\"" + "y".repeat(60) + "\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response))
        .isEqualTo(
            "the request's text (messages' content, thinking and tool calls, tools and format)"
                + " is 51 characters, more than this proxy takes (app.max-prompt-chars 50)");
    assertThat(asked.statusCode()).isEqualTo(400);
    assertThat(error(asked)).contains("app.max-prompt-chars 50");
    assertThat(ollama.requestCount()).isZero();
  }
}
