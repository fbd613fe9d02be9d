package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.schema.JsonSchemas;
import io.github.ollamaclient.stream.ResponseStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's examples, run against a mock server, so the documentation cannot rot. */
class ReadmeExamplesTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static String chatAnswer(String content, String extraMessageJson) {
    return """
        {"model":"llama3.2","created_at":"2024-07-22T20:33:28.123648Z",
         "message":{"role":"assistant","content":%s%s},
         "done":true,"done_reason":"stop","eval_count":3,"eval_duration":1000000}
        """
        .formatted(quote(content), extraMessageJson);
  }

  private static String quote(String text) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
  }

  record Country(String name, String capital, List<String> languages, Optional<String> motto) {}

  @Test
  void structuredOutputIntoARecord() {
    ollama.enqueueJson(
        chatAnswer(
            "{\"name\":\"Canada\",\"capital\":\"Ottawa\",\"languages\":[\"English\",\"French\"]}",
            ""));

    ChatResponse reply =
        ollama
            .client()
            .chat(
                ChatRequest.builder("llama3.2")
                    .message(Message.user("Tell me about Canada."))
                    .format(Format.of(Country.class))
                    .build());
    Country canada = reply.message().contentAs(Country.class);

    assertThat(canada)
        .isEqualTo(new Country("Canada", "Ottawa", List.of("English", "French"), Optional.empty()));
    assertThat(ollama.takeJsonBody().at("/format/properties/languages/type").asText())
        .isEqualTo("array");
  }

  record City(String city) {}

  @Test
  void toolRoundTrip() {
    ollama.enqueueJson(
        chatAnswer(
            "",
            ",\"tool_calls\":[{\"id\":\"call_1\",\"function\":{\"index\":0,\"name\":\"get_weather\","
                + "\"arguments\":{\"city\":\"Tokyo\"}}}]"));
    ollama.enqueueJson(chatAnswer("It is sunny in Tokyo.", ""));
    Tool weather =
        Tool.function("get_weather", "The current weather in a city", JsonSchemas.of(City.class));

    List<Message> history = new ArrayList<>(List.of(Message.user("What is the weather in Tokyo?")));
    ChatResponse reply =
        ollama
            .client()
            .chat(ChatRequest.builder("llama3.2").messages(history).tool(weather).build());
    history.add(reply.message());
    for (ToolCall call : reply.message().toolCalls()) {
      String city = call.arguments(City.class).city();
      history.add(Message.tool(call, "sunny in " + city));
    }
    reply =
        ollama
            .client()
            .chat(ChatRequest.builder("llama3.2").messages(history).tool(weather).build());

    assertThat(reply.message().content()).isEqualTo("It is sunny in Tokyo.");
    ollama.takeRequest();
    var second = ollama.takeJsonBody();
    assertThat(second.at("/messages/1/tool_calls/0/id").asText()).isEqualTo("call_1");
    assertThat(second.at("/messages/2/role").asText()).isEqualTo("tool");
    assertThat(second.at("/messages/2/tool_name").asText()).isEqualTo("get_weather");
    assertThat(second.at("/messages/2/tool_call_id").asText()).isEqualTo("call_1");
    assertThat(second.at("/messages/2/content").asText()).isEqualTo("sunny in Tokyo");
    assertThat(second.at("/tools/0/function/parameters/properties/city/type").asText())
        .isEqualTo("string");
  }

  @Test
  void streamingThenAggregate() {
    ollama.enqueueNdjson(
        5,
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:28.1Z\",\"message\":{\"role\":\"assistant\",\"content\":\"空が\"},\"done\":false}",
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:28.2Z\",\"message\":{\"role\":\"assistant\",\"content\":\"青い\"},\"done\":false}",
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:28.3Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}");
    StringBuilder printed = new StringBuilder();

    try (ResponseStream<ChatResponse> stream =
        ollama
            .client()
            .chatStream(ChatRequest.builder("llama3.2").message(Message.user("なぜ")).build())) {
      for (ChatResponse chunk : stream) {
        printed.append(chunk.message().content());
      }
      assertThat(stream.aggregate().message().content()).isEqualTo("空が青い");
      assertThat(stream.finalChunk().flatMap(ChatResponse::doneReason)).contains("stop");
    }
    assertThat(printed).hasToString("空が青い");
  }

  @Test
  void embedManyInputs() {
    ollama.enqueueJson(
        "{\"model\":\"embeddinggemma\",\"embeddings\":[[0.1,-0.2],[0.3,0.4]],\"total_duration\":1}");

    EmbedResponse many =
        ollama
            .client()
            .embed(
                EmbedRequest.builder("embeddinggemma")
                    .inputs(List.of("Why is the sky blue?", "Why is the grass green?"))
                    .dimensions(2)
                    .build());

    assertThat(many.embeddings()).hasSize(2);
    assertThat(many.embeddings().get(1)).containsExactly(0.3f, 0.4f);
  }

  @Test
  void pullWithProgress() {
    ollama.enqueueNdjson(
        "{\"status\":\"pulling manifest\"}",
        "{\"status\":\"pulling 6a0746a1ec1a\",\"digest\":\"sha256:6a0746a1ec1a\",\"total\":100,\"completed\":50}",
        "{\"status\":\"pulling 6a0746a1ec1a\",\"digest\":\"sha256:6a0746a1ec1a\",\"total\":100,\"completed\":100}",
        "{\"status\":\"verifying sha256 digest\"}",
        "{\"status\":\"writing manifest\"}",
        "{\"status\":\"success\"}");
    List<String> lines = new ArrayList<>();

    try (ResponseStream<ProgressResponse> pull = ollama.client().pull("llama3.2")) {
      for (ProgressResponse p : pull) {
        lines.add(String.format("%s %.0f%%", p.status(), 100 * p.fraction().orElse(0)));
      }
    }

    assertThat(lines).contains("pulling 6a0746a1ec1a 50%", "success 0%");
  }
}
