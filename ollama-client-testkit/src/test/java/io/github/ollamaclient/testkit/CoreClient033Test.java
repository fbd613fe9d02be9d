package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.DebugInfo;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.Think;
import io.github.ollamaclient.models.ModelRecommendation;
import io.github.ollamaclient.models.ShowRequest;
import io.github.ollamaclient.models.ShowResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK's client against the fake for what Ollama 0.33 added: each side is built from the wire
 * format on its own, so these meet only if both read it alike.
 */
class CoreClient033Test {
  @RegisterExtension final FakeOllama ollama = FakeOllama.create().withModel("llama3.2");

  private OllamaClient client;

  @BeforeEach
  void connect() {
    client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static ChatRequest.Builder chat(String text) {
    return ChatRequest.builder("llama3.2").message(Message.user(text));
  }

  @Test
  void readsTheLogprobsOfAStreamedChat() {
    ollama.model("llama3.2").reply(Reply.text("The sky is blue."));

    ChatResponse reply = client.chat(chat("sky?").logprobs(true).topLogprobs(2).build());

    assertThat(reply.logprobs().stream().map(Logprob::token).collect(Collectors.joining()))
        .isEqualTo("The sky is blue.");
    assertThat(reply.logprobs()).allSatisfy(p -> assertThat(p.topLogprobs()).hasSize(2));
    assertThat(reply.logprobs().get(0).bytes()).containsExactly(84, 104, 101, 32);
  }

  @Test
  void readsToolCallsOfAGenerate() {
    ollama.model("llama3.2").reply(Reply.toolCall("get_weather", Map.of("city", "Paris")));

    GenerateResponse reply =
        client.generate(GenerateRequest.builder("llama3.2").prompt("weather?").build());

    assertThat(reply.toolCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.name()).isEqualTo("get_weather");
              assertThat(call.arguments().path("city").asText()).isEqualTo("Paris");
            });
  }

  @Test
  void thinkMinimalIsRefusedAsOllama033RefusesIt() {
    ollama.model("qwen3").capabilities("completion", "thinking");

    assertThatThrownBy(
            () ->
                client.chat(
                    ChatRequest.builder("qwen3")
                        .message(Message.user("hi"))
                        .think(Think.MINIMAL)
                        .build()))
        .isInstanceOfSatisfying(
            OllamaHttpException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.errorMessage())
                  .isEqualTo(
                      "invalid think value: \"minimal\" (must be \"high\", \"medium\", \"low\","
                          + " \"max\", true, or false)");
            });
    assertThat(
            client
                .chat(
                    ChatRequest.builder("qwen3")
                        .message(Message.user("hi"))
                        .think(Think.LOW)
                        .build())
                .done())
        .isTrue();
  }

  @Test
  void aPromptOverTheWindowWithTruncateFalseIsA400WithTheServersText() {
    String longText = "word ".repeat(500);

    assertThatThrownBy(
            () ->
                client.chat(
                    chat(longText)
                        .truncate(false)
                        .options(Options.builder().numCtx(512).build())
                        .build()))
        .isInstanceOfSatisfying(
            OllamaHttpException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.errorMessage())
                  .contains("exceeds the available context size (512 tokens)");
            });
    ollama.model("all-minilm");
    assertThatThrownBy(
            () ->
                client.embed(
                    EmbedRequest.builder("all-minilm").input(longText).truncate(false).build()))
        .isInstanceOfSatisfying(
            OllamaHttpException.class,
            e ->
                assertThat(e.errorMessage())
                    .isEqualTo("the input length exceeds the context length"));
  }

  @Test
  void showsAModelWithAnotherSystemPromptAndItsBuiltInParts() {
    ollama
        .model("llava")
        .system("You see.")
        .message("user", "Who are you?")
        .projectorInfo(Map.of("clip.vision.image_size", 336));

    ShowResponse plain = client.show("llava");
    ShowResponse other =
        client.show(
            ShowRequest.builder("llava")
                .system("You are terse.")
                .options(Options.builder().numCtx(8192).build())
                .build());

    assertThat(plain.system()).contains("You see.");
    assertThat(plain.messages())
        .singleElement()
        .satisfies(m -> assertThat(m.content()).isEqualTo("Who are you?"));
    assertThat(plain.projectorInfo().path("clip.vision.image_size").asInt()).isEqualTo(336);
    assertThat(other.system()).contains("You are terse.");
    assertThat(other.modelfile()).contains("PARAMETER num_ctx 8192");
    assertThat(ollama.lastRequest().body().path("system").asText()).isEqualTo("You are terse.");
  }

  @Test
  void readsACloudModelsRendererAndParser() {
    ollama
        .model("qwen3-coder:480b-cloud")
        .remote("qwen3-coder:480b", "https://ollama.com:443")
        .rendererAndParser("qwen3-coder", "qwen3-coder");

    ShowResponse show = client.show("qwen3-coder:480b-cloud");

    assertThat(show.renderer()).contains("qwen3-coder");
    assertThat(show.parser()).contains("qwen3-coder");
  }

  @Test
  void readsTheModelRecommendations() {
    List<ModelRecommendation> recommendations = client.experimentalModelRecommendations();

    assertThat(recommendations).hasSize(6);
    assertThat(recommendations.get(0).model()).isEqualTo("kimi-k2.6:cloud");
    assertThat(recommendations.get(0).contextLength()).hasValue(262_144);
    assertThat(recommendations.get(0).vramBytes()).isEmpty();
    assertThat(recommendations.get(5).vramBytes()).hasValue(14_000_000_000L);
    assertThat(recommendations.get(5).maxOutputTokens()).isEmpty();
  }

  @Test
  void sendsToolNamesAndItemsAsGiven() {
    Tool tool =
        Tool.function("github.create_issue", "Opens an issue", Map.of("type", "object"))
            .withItems(Map.of("type", "string"));

    client.chat(chat("open one").tool(tool).build());

    assertThat(ollama.lastRequest().tools().get(0).at("/function/name").asText())
        .isEqualTo("github.create_issue");
    assertThat(ollama.lastRequest().tools().get(0).at("/items/type").asText()).isEqualTo("string");
  }

  @Test
  void theStatusOf033HasNoContextLengthYet() {
    assertThat(client.status().contextLength()).isEmpty();
  }

  @Test
  void seesThePromptARequestRendersToWithoutRunningTheModel() {
    ollama.model("llama3.2").reply(Reply.text("Never sent."));

    ChatResponse chat = client.chat(chat("Why?").debugRenderOnly(true).build());
    GenerateResponse generate =
        client.generate(
            GenerateRequest.builder("llama3.2").prompt("Why?").debugRenderOnly(true).build());
    ChatResponse streamed;
    try (var stream = client.chatStream(chat("Why?").debugRenderOnly(true).build())) {
      streamed = stream.aggregate();
    }

    String rendered =
        "<|start_header_id|>user<|end_header_id|>\n\nWhy?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n";
    assertThat(chat.debugInfo().map(DebugInfo::renderedTemplate)).contains(rendered);
    assertThat(chat.message().content()).isEmpty();
    assertThat(streamed.debugInfo()).isEqualTo(chat.debugInfo());
    assertThat(generate.debugInfo().map(DebugInfo::renderedTemplate)).contains(rendered);
    assertThat(generate.response()).isEmpty();
  }
}
