package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.models.CreateRequest;
import io.github.ollamaclient.models.ModelSummary;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.models.RunningModel;
import io.github.ollamaclient.schema.JsonSchemas;
import io.github.ollamaclient.stream.ResponseStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios that take several calls, as an application makes them, against the fake. */
class EndToEndTest {
  @RegisterExtension final FakeOllama ollama = FakeOllama.create();

  private OllamaClient client;

  record City(String city) {}

  record Weather(String city, int celsius, Optional<String> sky) {}

  @BeforeEach
  void connect() {
    client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void pullsAMissingModelWithProgressThenChatsWithIt() {
    ChatRequest question =
        ChatRequest.builder("gemma3:1b").message(Message.user("Say hello.")).build();
    assertThatThrownBy(() -> client.chat(question))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("gemma3:1b");

    List<ProgressResponse> progress = new ArrayList<>();
    try (ResponseStream<ProgressResponse> pull = client.pull("gemma3:1b")) {
      pull.forEach(progress::add);
    }
    ChatResponse reply = client.chat(question);

    assertThat(progress).extracting(ProgressResponse::status).startsWith("pulling manifest");
    assertThat(progress)
        .filteredOn(p -> p.completed().isPresent())
        .extracting(p -> p.fraction().orElseThrow())
        .contains(1.0);
    assertThat(progress).last().satisfies(p -> assertThat(p.isSuccess()).isTrue());
    assertThat(client.list()).extracting(ModelSummary::name).containsExactly("gemma3:1b");
    assertThat(reply.message().content()).contains("gemma3:1b").contains("Say hello.");
  }

  @Test
  void runsAToolRoundTripKeepingIdsIndexesAndToolNames() {
    ollama
        .model("llama3.2")
        .reply(PromptMatcher.toolResult("get_weather"), Reply.text("It is 11 degrees in Tokyo."))
        .reply(
            PromptMatcher.contains("weather"),
            Reply.text("").withToolCall("call_w1", "get_weather", Map.of("city", "Tokyo")));
    Tool weather =
        Tool.function("get_weather", "The current weather in a city", JsonSchemas.of(City.class));
    List<Message> history = new ArrayList<>(List.of(Message.user("What is the weather in Tokyo?")));

    ChatResponse first =
        client.chat(ChatRequest.builder("llama3.2").messages(history).tool(weather).build());
    history.add(first.message());
    for (ToolCall call : first.message().toolCalls()) {
      String city = call.arguments(City.class).city();
      history.add(Message.tool(call.name(), "11 degrees celsius in " + city));
    }
    ChatResponse second =
        client.chat(ChatRequest.builder("llama3.2").messages(history).tool(weather).build());

    assertThat(first.message().toolCalls()).hasSize(1);
    assertThat(second.message().content()).isEqualTo("It is 11 degrees in Tokyo.");
    assertThat(second.message().toolCalls()).isEmpty();
    List<RecordedRequest> chats = ollama.requests();
    assertThat(chats).hasSize(2);
    List<JsonNode> sent = chats.get(1).messages();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(1))
        .isEqualTo(
            Http.json(
                """
                {"role": "assistant", "content": "",
                 "tool_calls": [{"id": "call_w1",
                   "function": {"index": 0, "name": "get_weather", "arguments": {"city": "Tokyo"}}}]}
                """));
    assertThat(sent.get(2))
        .isEqualTo(
            Http.json(
                """
                {"role": "tool", "content": "11 degrees celsius in Tokyo", "tool_name": "get_weather"}
                """));
    assertThat(chats.get(1).tools()).hasSize(1);
  }

  @Test
  void runsAStreamedToolRoundTrip() {
    ollama
        .model("llama3.2")
        .reply(PromptMatcher.toolResult(), Reply.text("Sunny, 25 degrees.").withTokenSize(3))
        .reply(Reply.toolCall("get_weather", Map.of("city", "Lima")));
    Tool weather = Tool.function("get_weather", "Weather", JsonSchemas.of(City.class));
    List<Message> history = new ArrayList<>(List.of(Message.user("Lima?")));

    ChatResponse call;
    try (ResponseStream<ChatResponse> stream =
        client.chatStream(
            ChatRequest.builder("llama3.2").messages(history).tool(weather).build())) {
      call = stream.aggregate();
    }
    history.add(call.message());
    history.add(Message.tool("get_weather", "sunny, 25"));
    StringBuilder text = new StringBuilder();
    try (ResponseStream<ChatResponse> stream =
        client.chatStream(
            ChatRequest.builder("llama3.2").messages(history).tool(weather).build())) {
      stream.forEach(chunk -> text.append(chunk.message().content()));
    }

    assertThat(call.message().toolCalls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.id()).isPresent();
              assertThat(c.index()).hasValue(0);
            });
    assertThat(text).hasToString("Sunny, 25 degrees.");
    JsonNode echoed = ollama.lastRequest().messages().get(1).path("tool_calls").get(0);
    assertThat(echoed.path("id").asText()).isEqualTo(call.message().toolCalls().get(0).id().get());
    assertThat(echoed.path("function").path("index").asInt()).isZero();
  }

  @Test
  void fillsARecordFromStructuredOutput() {
    ollama
        .model("llama3.2")
        .reply(Reply.json("{\"city\": \"Oslo\", \"celsius\": -3, \"sky\": \"snow\"}"));

    ChatResponse reply =
        client.chat(
            ChatRequest.builder("llama3.2")
                .message(Message.user("Weather in Oslo as JSON"))
                .format(Format.of(Weather.class))
                .build());

    assertThat(reply.message().contentAs(Weather.class))
        .isEqualTo(new Weather("Oslo", -3, Optional.of("snow")));
    JsonNode schema = ollama.lastRequest().format().orElseThrow();
    assertThat(schema.path("properties").path("celsius").path("type").asText())
        .isEqualTo("integer");
    assertThat(schema.path("required")).extracting(JsonNode::asText).contains("city", "celsius");
  }

  @Test
  void createsAModelFromALocalGgufFileThenChatsWithIt(@TempDir Path dir) throws Exception {
    Path gguf = dir.resolve("model.gguf");
    byte[] weights = new byte[64 * 1024];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (byte) (i * 31);
    }
    Files.write(gguf, weights);
    assertThatThrownBy(() -> client.show("my-model")).isInstanceOf(ModelNotFoundException.class);

    ProgressResponse done =
        client
            .create(
                CreateRequest.builder("my-model")
                    .file("model.gguf", gguf)
                    .system("You are concise.")
                    .build())
            .aggregate();
    ollama.model("my-model").reply("Concise.");
    ChatResponse reply =
        client.chat(ChatRequest.builder("my-model").message(Message.user("Hi")).build());

    assertThat(done.isSuccess()).isTrue();
    RecordedRequest create =
        ollama.requests().stream()
            .filter(r -> r.path().equals("/api/create"))
            .findFirst()
            .orElseThrow();
    String digest = create.body().path("files").path("model.gguf").asText();
    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    assertThat(ollama.hasBlob(digest)).isTrue();
    assertThat(client.list())
        .singleElement()
        .satisfies(
            model -> {
              assertThat(model.name()).isEqualTo("my-model:latest");
              assertThat(model.size()).isEqualTo(weights.length);
            });
    assertThat(client.show("my-model").system()).hasValue("You are concise.");
    assertThat(reply.message().content()).isEqualTo("Concise.");
  }

  @Test
  void loadsAModelSeesItInPsThenUnloadsIt() {
    ollama.model("llama3.2");
    assertThat(client.ps()).isEmpty();

    client.load("llama3.2", KeepAlive.of(Duration.ofMinutes(30)));
    List<RunningModel> loaded = client.ps();
    client.unload("llama3.2");

    assertThat(loaded)
        .singleElement()
        .satisfies(
            model -> {
              assertThat(model.name()).isEqualTo("llama3.2:latest");
              assertThat(model.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(1700));
            });
    assertThat(client.ps()).isEmpty();
    assertThatThrownBy(() -> client.load("missing")).isInstanceOf(ModelNotFoundException.class);
  }
}
