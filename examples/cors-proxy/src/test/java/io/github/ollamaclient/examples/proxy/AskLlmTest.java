package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.testkit.Fault;
import io.github.ollamaclient.testkit.Reply;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AskLlmTest extends ProxyTestBase {

  @Test
  void answersAPromptWithTheDefaultModel() throws Exception {
    ollama.model(DEFAULT_MODEL).reply(Reply.text("Rayleigh scattering."));

    HttpResponse<String> response = post("/ask-llm", "{\"prompt\": \"Why is the sky blue?\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode answer = json(response.body());
    assertThat(answer.path("model").asText()).isEqualTo(DEFAULT_MODEL);
    assertThat(answer.path("answer").asText()).isEqualTo("Rayleigh scattering.");
    assertThat(answer.path("done_reason").asText()).isEqualTo("stop");
    assertThat(answer.path("eval_count").asInt()).isPositive();
    assertThat(ollama.lastRequest().path()).isEqualTo("/api/chat");
    assertThat(ollama.lastRequest().lastUserMessage()).isEqualTo("Why is the sky blue?");
    // One answer for the page; the SDK streams from Ollama and joins, so no timeout cuts it off.
    assertThat(ollama.lastRequest().stream()).isTrue();
  }

  @Test
  void usesTheModelTheRequestNames() throws Exception {
    ollama.model("llama3.2").reply(Reply.text("from llama"));

    HttpResponse<String> response =
        post("/ask-llm", "{\"prompt\": \"hi\", \"model\": \"llama3.2\"}");

    assertThat(json(response.body()).path("answer").asText()).isEqualTo("from llama");
    assertThat(ollama.lastRequest().model()).isEqualTo("llama3.2");
  }

  @Test
  void streamsChunksAsTheyArriveNotAllAtTheEnd() throws Exception {
    ollama
        .model(DEFAULT_MODEL)
        .reply(
            Reply.text("one two three four")
                .withTokenSize(5)
                .withTokenDelay(Duration.ofMillis(200)));

    HttpResponse<Stream<String>> response =
        http.send(
            request("/ask-llm")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"prompt\": \"count\", \"stream\": true}"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());

    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
    List<String> lines = new ArrayList<>();
    List<Long> arrivals = new ArrayList<>();
    for (Iterator<String> it = response.body().iterator(); it.hasNext(); ) {
      lines.add(it.next());
      arrivals.add(System.nanoTime());
    }
    // Four pieces of five characters and the final chunk, each its own line.
    assertThat(lines).hasSize(5);
    StringBuilder text = new StringBuilder();
    for (String line : lines.subList(0, 4)) {
      JsonNode chunk = json(line);
      assertThat(chunk.path("done").asBoolean()).isFalse();
      text.append(chunk.path("answer").asText());
    }
    assertThat(text).hasToString("one two three four");
    JsonNode last = json(lines.get(4));
    assertThat(last.path("done").asBoolean()).isTrue();
    assertThat(last.path("done_reason").asText()).isEqualTo("stop");
    // Buffered, every line would arrive at once; flushed, they are ~200 ms apart.
    Duration firstToLast = Duration.ofNanos(arrivals.get(4) - arrivals.get(0));
    assertThat(firstToLast).isGreaterThan(Duration.ofMillis(450));
  }

  @Test
  void keepsJapaneseTextUnchangedBothWays() throws Exception {
    String question = "空はなぜ青いのですか？絵文字も🌏";
    String answer = "レイリー散乱のためです。日本語の答え🌸";
    ollama.model(DEFAULT_MODEL).reply(Reply.text(answer));

    HttpResponse<String> whole = post("/ask-llm", "{\"prompt\": \"" + question + "\"}");
    assertThat(json(whole.body()).path("answer").asText()).isEqualTo(answer);
    assertThat(ollama.lastRequest().lastUserMessage()).isEqualTo(question);

    HttpResponse<String> streamed =
        post("/ask-llm", "{\"prompt\": \"" + question + "\", \"stream\": true}");
    StringBuilder joined = new StringBuilder();
    for (String line : streamed.body().split("\n")) {
      joined.append(json(line).path("answer").asText());
    }
    assertThat(joined).hasToString(answer);
  }

  @Test
  void rejectsAnUnknownFieldNamingIt() throws Exception {
    HttpResponse<String> response = post("/ask-llm", "{\"prompt\": \"hi\", \"temprature\": 1}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response)).contains("unknown field \"temprature\"");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void rejectsAMissingPrompt() throws Exception {
    HttpResponse<String> response = post("/ask-llm", "{\"stream\": true}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response)).contains("prompt is required");
  }

  @Test
  void rejectsInvalidJson() throws Exception {
    HttpResponse<String> response = post("/ask-llm", "{\"prompt\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response)).startsWith("Request body is not valid JSON");
  }

  @Test
  void answers404WithThePullHintWhenTheModelIsMissing() throws Exception {
    HttpResponse<String> response =
        post("/ask-llm", "{\"prompt\": \"hi\", \"model\": \"qwen3:8b\", \"stream\": true}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    // Read in a browser: what to run where Ollama runs, not the SDK's client.pull(...).
    assertThat(error(response))
        .startsWith("The model qwen3:8b is not on the Ollama server at http://127.0.0.1:")
        .contains("Pull it where Ollama runs: `ollama pull qwen3:8b`")
        .contains("`docker compose exec ollama ollama pull qwen3:8b`")
        .doesNotContain("client.pull");
  }

  @Test
  void refusesABodyOverTheLimitWith413() throws Exception {
    String big = "{\"prompt\": \"" + "a".repeat(1024 * 1024) + "\"}";

    HttpResponse<String> response = post("/ask-llm", big);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(error(response)).contains("larger than 1048576 bytes").contains("app.max-body-size");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void refusesAChunkedBodyOverTheLimitWith413() throws Exception {
    byte[] big = ("{\"prompt\": \"" + "あ".repeat(400_000) + "\"}").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        http.send(
            request("/ask-llm")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void endsAStreamWithAnErrorLineWhenOllamaFailsMidway() throws Exception {
    ollama
        .model(DEFAULT_MODEL)
        .reply(Reply.text("abcdefghijkl"))
        .fault(Fault.errorAfter(2, "GPU fell over"));

    HttpResponse<InputStream> response =
        http.send(
            request("/ask-llm")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"x\", \"stream\": true}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());

    assertThat(response.statusCode()).isEqualTo(200);
    String[] lines = new String(response.body().readAllBytes(), StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3);
    assertThat(json(lines[0]).path("answer").asText()).isEqualTo("abcd");
    assertThat(json(lines[2]).path("error").asText()).contains("GPU fell over");
  }

  @Test
  void anAnswerThatIsNotFinalIsABadGatewayNotA200() throws Exception {
    // A server (or proxy) answering one JSON document without done: true: the start of an answer.
    ollama
        .model(DEFAULT_MODEL)
        .reply(Reply.text("unused"))
        .fault(
            Fault.status(
                200,
                "{\"model\":\""
                    + DEFAULT_MODEL
                    + "\",\"created_at\":\"2024-01-01T00:00:00Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"The answer is\"},"
                    + "\"done\":false}"));

    HttpResponse<String> response = post("/ask-llm", "{\"prompt\": \"x\"}");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response.body()).path("error").asText()).contains("done: true");
  }
}
