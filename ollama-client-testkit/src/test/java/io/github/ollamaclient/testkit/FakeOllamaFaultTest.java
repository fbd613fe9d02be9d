package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults as a client sees them on the wire: timing, truncation and error lines. */
class FakeOllamaFaultTest {
  private static final String CHAT =
      "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @RegisterExtension
  final FakeOllama ollama =
      FakeOllama.create().withModel("llama3.2", model -> model.reply("one two three four"));

  @Test
  void sendsAnErrorLineAfterTheGivenNumberOfChunks() {
    ollama.failNext(Fault.errorAfter(2, "an error was encountered while running the model"));

    HttpResponse<String> response = Http.post(ollama, "/api/chat", CHAT);

    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> lines = Http.lines(response.body());
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).path("message").path("content").asText()).isEqualTo("one ");
    assertThat(lines.get(2))
        .isEqualTo(Http.json("{\"error\":\"an error was encountered while running the model\"}"));
    assertThat(response.body()).doesNotContain("\"done\":true");
  }

  @Test
  void turnsAnErrorBeforeTheFirstChunkIntoA500() {
    ollama.failNext(Fault.errorAfter(0, "out of memory"));

    HttpResponse<String> response = Http.post(ollama, "/api/chat", CHAT);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(Http.json(response.body())).isEqualTo(Http.json("{\"error\":\"out of memory\"}"));
  }

  @Test
  void stallsMidStreamWithoutSendingAByte() {
    ollama.failNext(Fault.stallAfter(1, Duration.ofMillis(400)));

    List<Long> arrivals = arrivalMillis(CHAT);

    assertThat(arrivals).hasSize(6);
    assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThanOrEqualTo(350);
    assertThat(arrivals.get(5) - arrivals.get(1)).isLessThan(350);
  }

  @Test
  void stallsBeforeTheStatusLine() {
    ollama.failNext(Fault.stall(Duration.ofMillis(300)));

    long start = System.nanoTime();
    HttpResponse<Stream<String>> response = streamLines(CHAT);
    long headersAfter = (System.nanoTime() - start) / 1_000_000;
    response.body().close();

    assertThat(headersAfter).isGreaterThanOrEqualTo(280);
  }

  @Test
  void flushesEveryTokenWithTheScriptedDelayBetweenThem() {
    ollama
        .model("llama3.2")
        .reply(Reply.text("abc").withTokenSize(1).withTokenDelay(Duration.ofMillis(150)));

    List<Long> arrivals = arrivalMillis(CHAT);

    assertThat(arrivals).hasSize(4);
    assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThanOrEqualTo(120);
    assertThat(arrivals.get(2) - arrivals.get(1)).isGreaterThanOrEqualTo(120);
  }

  @Test
  void cutsTheConnectionAfterTheGivenChunksWithoutTheTerminatingChunk() {
    ollama.failNext(Fault.disconnectAfter(2));

    String raw = Http.raw(ollama, "/api/chat", CHAT);

    assertThat(raw).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
    assertThat(raw).contains("\"content\":\"one \"").contains("\"content\":\"two \"");
    assertThat(raw).doesNotContain("three").doesNotContain("\"done\":true");
    assertThat(raw).doesNotEndWith("0\r\n\r\n");
  }

  @Test
  void endsAnUnfaultedStreamWithTheTerminatingChunk() {
    String raw = Http.raw(ollama, "/api/chat", CHAT);

    assertThat(raw).contains("\"done\":true").endsWith("0\r\n\r\n");
  }

  @Test
  void makesTheClientFailWhenTheConnectionIsCutMidStream() {
    ollama.failNext(Fault.disconnectAfter(1));

    HttpResponse<Stream<String>> response = streamLines(CHAT);

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> received = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (Stream<String> lines = response.body()) {
                lines.forEach(received::add);
              }
            })
        .isInstanceOf(UncheckedIOException.class);
    assertThat(received).hasSize(1);
  }

  @Test
  void dropsTheConnectionBeforeAnswering() {
    ollama.failNext(Fault.disconnect());

    assertThatThrownBy(() -> Http.post(ollama, "/api/chat", CHAT))
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void answersWithAnHtmlPageLikeAProxy() {
    ollama.failNext(Fault.htmlError(500));

    HttpResponse<String> response = Http.post(ollama, "/api/chat", CHAT);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(response.body()).contains("<title>500 Internal Server Error</title>");
  }

  @Test
  void answersAnyStatusAndBody() {
    ollama.failNext(Fault.status(503, "{\"error\":\"server busy, please try again\"}"));

    HttpResponse<String> response = Http.get(ollama, "/api/tags");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(Http.json(response.body()).path("error").asText())
        .isEqualTo("server busy, please try again");
  }

  @Test
  void sendsARawLineMidStreamAndGoesOn() {
    ollama.failNext(Fault.rawLineAfter(1, "not json at all".getBytes(StandardCharsets.UTF_8)));

    // The raw line breaks the contract on purpose.
    HttpResponse<String> response = Http.sendUnchecked(Http.postRequest(ollama, "/api/chat", CHAT));

    String[] lines = response.body().split("\n");
    assertThat(lines).hasSize(7);
    assertThat(lines[1]).isEqualTo("not json at all");
    assertThat(lines[6]).contains("\"done\":true");
  }

  @Test
  void addsTheFaultsHeaders() {
    ollama.failNext(Fault.status(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "2"));

    HttpResponse<String> response = Http.get(ollama, "/api/tags");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
  }

  @Test
  void delaysTheFirstTokenAndReportsItAsLoadDuration() {
    ollama.model("llama3.2").fault(Fault.slowFirstToken(Duration.ofMillis(300)));

    long start = System.nanoTime();
    HttpResponse<String> response = Http.post(ollama, "/api/chat", CHAT);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    List<JsonNode> lines = Http.lines(response.body());
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(280);
    assertThat(lines.get(lines.size() - 1).path("load_duration").asLong())
        .isGreaterThanOrEqualTo(300_000_000L);
  }

  @Test
  void appliesANextRequestFaultOnceOnly() {
    ollama.failNext(Fault.status(500, "{\"error\":\"boom\"}"));

    int first = Http.get(ollama, "/api/tags").statusCode();
    int second = Http.get(ollama, "/api/tags").statusCode();

    assertThat(first).isEqualTo(500);
    assertThat(second).isEqualTo(200);
  }

  @Test
  void appliesAModelFaultToEveryInferenceRequestForThatModelOnly() {
    ollama.model("llama3.2").fault(Fault.htmlError(502));

    int chat = Http.post(ollama, "/api/chat", CHAT).statusCode();
    int again = Http.post(ollama, "/api/chat", CHAT).statusCode();
    int tags = Http.get(ollama, "/api/tags").statusCode();

    assertThat(chat).isEqualTo(502);
    assertThat(again).isEqualTo(502);
    assertThat(tags).isEqualTo(200);
  }

  @Test
  void cutsANonStreamedAnswerHalfway() {
    ollama.failNext(Fault.disconnectAfter(0));

    String raw =
        Http.raw(
            ollama,
            "/api/chat",
            "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    assertThat(raw).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length");
    assertThat(raw).doesNotContain("eval_duration");
  }

  @Test
  void servesConcurrentStreamsInParallel() throws Exception {
    ollama
        .model("llama3.2")
        .reply(Reply.text("abcd").withTokenSize(1).withTokenDelay(Duration.ofMillis(300)));
    HttpRequest request =
        HttpRequest.newBuilder(Http.uri(ollama, "/api/chat"))
            .POST(HttpRequest.BodyPublishers.ofString(CHAT))
            .build();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    long start = System.nanoTime();
    var first = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    var second = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    assertThat(Http.lines(first.get().body())).hasSize(5);
    assertThat(Http.lines(second.get().body())).hasSize(5);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMillis).as("one after the other takes 1800 ms").isLessThan(1_500);
  }

  @Test
  void closingTheServerCutsAStalledStreamPromptly() {
    ollama.failNext(Fault.stallAfter(1, Duration.ofSeconds(30)));
    HttpResponse<Stream<String>> response = streamLines(CHAT);
    Iterator<String> lines = response.body().iterator();
    lines.next();

    long start = System.nanoTime();
    ollama.close();
    assertThatThrownBy(
            () -> {
              while (lines.hasNext()) {
                lines.next();
              }
            })
        .isInstanceOf(UncheckedIOException.class);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }

  private List<Long> arrivalMillis(String body) {
    HttpResponse<Stream<String>> response = streamLines(body);
    long start = System.nanoTime();
    List<Long> arrivals = new ArrayList<>();
    try (Stream<String> lines = response.body()) {
      Iterator<String> iterator = lines.iterator();
      while (iterator.hasNext()) {
        iterator.next();
        arrivals.add((System.nanoTime() - start) / 1_000_000);
      }
    }
    return arrivals;
  }

  private HttpResponse<Stream<String>> streamLines(String body) {
    HttpRequest request =
        HttpRequest.newBuilder(Http.uri(ollama, "/api/chat"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .build()
          .send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
