package io.github.ollamaclient.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Role;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.json.Json;
import io.github.ollamaclient.stream.ResponseStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fields chat and generate gained by Ollama 0.33 (api/types.go): {@code truncate} and {@code
 * shift} on requests, {@code tool_call_id} on messages, {@code tool_calls} on generate answers,
 * {@code remote_model} and {@code remote_host} on answers and chunks.
 */
class Ollama033FieldsTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static final String CLOUD =
      "\"remote_model\":\"gpt-oss:120b\",\"remote_host\":\"https://ollama.com:443\"";

  @Test
  void chatSendsTruncateAndShiftOnlyWhenSet() {
    ollama.enqueueNdjson(chatChunk("", true, ""));
    ollama.enqueueNdjson(chatChunk("", true, ""));

    ollama.client().chat(ChatRequest.builder("m").message(Message.user("hi")).build());
    ollama
        .client()
        .chat(
            ChatRequest.builder("m")
                .message(Message.user("hi"))
                .truncate(true)
                .shift(false)
                .build());

    JsonNode unset = ollama.takeJsonBody();
    assertThat(unset.has("truncate")).isFalse();
    assertThat(unset.has("shift")).isFalse();
    JsonNode set = ollama.takeJsonBody();
    assertThat(set.get("truncate").asBoolean()).isTrue();
    assertThat(set.get("shift").isBoolean()).isTrue();
    assertThat(set.get("shift").asBoolean()).isFalse();
  }

  @Test
  void generateSendsTruncateAndShiftAndReadsThemBack() {
    ollama.enqueueNdjson(generateChunk("ok", true, ""));

    GenerateRequest request =
        GenerateRequest.builder("m").prompt("hi").truncate(false).shift(true).build();
    ollama.client().generate(request);

    JsonNode body = ollama.takeJsonBody();
    assertThat(body.get("truncate").asBoolean()).isFalse();
    assertThat(body.get("shift").asBoolean()).isTrue();
    assertThat(request.truncate()).contains(false);
    assertThat(request.shift()).contains(true);
    assertThat(request.toBuilder().build()).isEqualTo(request);
  }

  @Test
  void aToolResultNamesTheCallItAnswers() {
    ToolCall call =
        Json.MAPPER.convertValue(
            Map.of("id", "call_7", "function", Map.of("name", "weather", "arguments", Map.of())),
            ToolCall.class);

    Message answer = Message.tool(call, "22 degrees");

    assertThat(answer.role()).isEqualTo(Role.TOOL);
    assertThat(answer.toolName()).contains("weather");
    assertThat(answer.toolCallId()).contains("call_7");
    assertThat(Json.toTree(answer))
        .isEqualTo(
            MockOllama.json(
                "{\"role\":\"tool\",\"content\":\"22 degrees\",\"tool_name\":\"weather\","
                    + "\"tool_call_id\":\"call_7\"}"));
    assertThat(Json.MAPPER.convertValue(Json.toTree(answer), Message.class)).isEqualTo(answer);
  }

  @Test
  void aCallWithoutAnIdIsAnsweredByNameAlone() {
    ToolCall call =
        Json.MAPPER.convertValue(
            Map.of("function", Map.of("name", "weather", "arguments", Map.of())), ToolCall.class);

    Message answer = Message.tool(call, "22 degrees");

    assertThat(answer.toolCallId()).isEmpty();
    assertThat(Json.toTree(answer).has("tool_call_id")).isFalse();
  }

  @Test
  void aToolResultWithItsCallIdIsSentInTheHistory() {
    ollama.enqueueNdjson(chatChunk("", true, ""));
    ToolCall call =
        Json.MAPPER.convertValue(
            Map.of("id", "call_1", "function", Map.of("name", "f", "arguments", Map.of())),
            ToolCall.class);

    ollama
        .client()
        .chat(
            ChatRequest.builder("m")
                .message(Message.user("hi"))
                .message(Message.tool(call, "result"))
                .build());

    JsonNode sent = ollama.takeJsonBody().get("messages").get(1);
    assertThat(sent.get("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(sent.get("tool_name").asText()).isEqualTo("f");
  }

  @Test
  void generateAnswersCarryToolCallsAndAStreamGathersThem() {
    String call =
        "\"tool_calls\":[{\"id\":\"c1\",\"function\":{\"name\":\"f\",\"arguments\":{\"x\":1}}}]";
    ollama.enqueueNdjson(
        "{\"model\":\"m\",\"created_at\":\"2025-10-02T14:03:12.1Z\",\"response\":\"\","
            + call
            + ",\"done\":false}",
        generateChunk("", true, ""));

    GenerateResponse answer = ollama.client().generate(GenerateRequest.builder("m").build());

    assertThat(answer.toolCalls()).extracting(ToolCall::name).containsExactly("f");
    assertThat(answer.toolCalls().get(0).id()).contains("c1");
    assertThat(answer.toolCalls().get(0).arguments().get("x").asInt()).isEqualTo(1);
  }

  @Test
  void aCloudModelsAnswerNamesTheModelAndHostThatAnswered() {
    ollama.enqueueNdjson(chatChunk("Hi", false, CLOUD), chatChunk("", true, CLOUD));
    ollama.enqueueNdjson(generateChunk("Hi", false, CLOUD), generateChunk("", true, CLOUD));
    ollama.enqueueNdjson(chatChunk("Hi", true, ""));

    ChatResponse chat =
        ollama
            .client()
            .chat(ChatRequest.builder("gpt-oss:120b-cloud").message(Message.user("hi")).build());
    GenerateResponse generate =
        ollama.client().generate(GenerateRequest.builder("gpt-oss:120b-cloud").build());
    ChatResponse local =
        ollama.client().chat(ChatRequest.builder("m").message(Message.user("hi")).build());

    RemoteModel expected = new RemoteModel("gpt-oss:120b", "https://ollama.com:443");
    assertThat(chat.remote()).contains(expected);
    assertThat(generate.remote()).contains(expected);
    assertThat(local.remote()).isEmpty();
  }

  @Test
  void everyChunkOfACloudStreamCarriesItsRemoteModel() {
    ollama.enqueueNdjson(
        chatChunk("a", false, CLOUD),
        chatChunk("b", false, CLOUD),
        chatChunk("c", false, CLOUD),
        chatChunk("", true, CLOUD));

    try (ResponseStream<ChatResponse> stream =
        ollama.client().chatStream(ChatRequest.builder("m").message(Message.user("hi")).build())) {
      List<Optional<RemoteModel>> remotes = stream.stream().map(ChatResponse::remote).toList();

      assertThat(remotes).hasSize(4).allSatisfy(remote -> assertThat(remote).isPresent());
    }
  }

  @Test
  void remoteModelIsEmptyOnlyWhenNeitherFieldWasSent() {
    assertThat(RemoteModel.of(null, "")).isEmpty();
    assertThat(RemoteModel.of("m", null)).contains(new RemoteModel("m", ""));
    assertThat(RemoteModel.of(null, "https://h")).contains(new RemoteModel("", "https://h"));
  }

  private static String chatChunk(String content, boolean done, String extra) {
    return "{\"model\":\"m\",\"created_at\":\"2025-10-02T14:03:12.1Z\","
        + (extra.isEmpty() ? "" : extra + ",")
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\"},\"done\":"
        + done
        + (done ? ",\"done_reason\":\"stop\"" : "")
        + "}";
  }

  private static String generateChunk(String response, boolean done, String extra) {
    return "{\"model\":\"m\",\"created_at\":\"2025-10-02T14:03:12.1Z\","
        + (extra.isEmpty() ? "" : extra + ",")
        + "\"response\":\""
        + response
        + "\",\"done\":"
        + done
        + (done ? ",\"done_reason\":\"stop\"" : "")
        + "}";
  }
}
