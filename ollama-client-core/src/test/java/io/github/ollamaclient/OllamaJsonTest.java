package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.Think;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ollama's request JSON read into the client's requests, strictly, and written back. */
class OllamaJsonTest {
  private static final Tool WEATHER =
      Tool.function(
          "get_weather",
          "The weather in a city",
          Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))));

  @Test
  void aChatRequestWithEveryFieldGoesToJsonAndBackUnchanged() {
    ToolCall call =
        OllamaJson.read(
            "{\"id\":\"call_1\",\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Tokyo\"}}}",
            ToolCall.class);
    ChatRequest request =
        ChatRequest.builder("qwen3:8b")
            .message(Message.system("Be brief."))
            .message(Message.user("Weather?", Image.of(new byte[] {1, 2, 3})))
            .message(
                new Message(
                    io.github.ollamaclient.chat.Role.ASSISTANT,
                    "",
                    java.util.Optional.of("Need the weather."),
                    List.of(),
                    List.of(call),
                    java.util.Optional.empty()))
            .message(Message.tool(call, "22 degrees"))
            .tool(WEATHER)
            .format(Format.json())
            .options(Options.builder().temperature(0.2).seed(7).numCtx(8192).build())
            .think(Think.HIGH)
            .keepAlive(KeepAlive.of(Duration.ofMinutes(30)))
            .logprobs(true)
            .topLogprobs(2)
            .truncate(false)
            .shift(true)
            .build();

    assertThat(OllamaJson.read(OllamaJson.write(request), ChatRequest.class)).isEqualTo(request);
  }

  @Test
  @SuppressWarnings("deprecation") // context, deprecated by Ollama, is still a field to carry
  void generateAndEmbedRequestsGoToJsonAndBackUnchanged() {
    GenerateRequest generate =
        GenerateRequest.builder("llama3.2")
            .prompt("def add(")
            .suffix("return c")
            .system("You write Python.")
            .template("{{ .Prompt }}")
            .context(List.of(1, 2, 3))
            .raw(true)
            .format(Format.schema(Map.of("type", "object")))
            .keepAlive(KeepAlive.FOREVER)
            .think(Think.DISABLED)
            .truncate(true)
            .build();
    EmbedRequest embed =
        EmbedRequest.builder("all-minilm")
            .inputs(List.of("a", "b"))
            .truncate(false)
            .dimensions(128)
            .keepAlive(KeepAlive.UNLOAD)
            .build();

    assertThat(OllamaJson.read(OllamaJson.write(generate), GenerateRequest.class))
        .isEqualTo(generate);
    assertThat(OllamaJson.read(OllamaJson.write(embed), EmbedRequest.class)).isEqualTo(embed);
  }

  @Test
  void aToolWithItemsAndAnMcpStyleNameGoesToJsonAndBack() {
    ChatRequest request =
        ChatRequest.builder("llama3.2")
            .message(Message.user("open one"))
            .tool(
                Tool.function("github.create_issue", "Opens an issue", Map.of("type", "object"))
                    .withItems(Map.of("type", "string")))
            .build();

    String json = OllamaJson.write(request);

    assertThat(json).contains("\"items\":{\"type\":\"string\"}");
    assertThat(OllamaJson.read(json, ChatRequest.class)).isEqualTo(request);
  }

  @Test
  void readsOllamasDocumentedChatBodyAsTheBuilderWouldMakeIt() {
    ChatRequest read =
        OllamaJson.read(
            """
            {"model": "llama3.2", "stream": false, "keep_alive": "5m",
             "messages": [{"role": "user", "content": "What is the weather today in Paris?"}],
             "tools": [{"type": "function", "function": {"name": "get_weather",
               "description": "The weather in a city", "parameters": {"type": "object",
               "properties": {"city": {"type": "string"}}}}}],
             "options": {"temperature": 0}}
            """,
            ChatRequest.class);

    assertThat(read)
        .isEqualTo(
            ChatRequest.builder("llama3.2")
                .message(Message.user("What is the weather today in Paris?"))
                .tool(WEATHER)
                .keepAlive(KeepAlive.of(Duration.ofMinutes(5)))
                .options(Options.builder().option("temperature", 0).build())
                .build());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "300       | PT5M",
        "'\"1h30m\"' | PT1H30M",
        "'\"1.5s\"'  | PT1.5S",
        "0         | PT0S"
      })
  void keepAliveIsReadInBothOfOllamasForms(String json, String duration) {
    EmbedRequest read =
        OllamaJson.read(
            "{\"model\":\"m\",\"input\":\"x\",\"keep_alive\":" + json + "}", EmbedRequest.class);

    assertThat(read.keepAlive()).contains(KeepAlive.of(Duration.parse(duration)));
  }

  @Test
  void aNegativeKeepAliveIsForever() {
    assertThat(
            OllamaJson.read(
                    "{\"model\":\"m\",\"input\":\"x\",\"keep_alive\":-1}", EmbedRequest.class)
                .keepAlive())
        .contains(KeepAlive.FOREVER);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"model\":\"m\",\"prompt\":\"x\",\"temprature\":1}"
            + " | unknown field \"temprature\"; known fields: _debug_render_only, context, format, images, keep_alive",
        "{\"model\":\"m\",\"prompt\":1} | prompt must be a string",
        "{\"model\":\"m\",\"raw\":\"yes\"} | raw must be true or false",
        "{\"model\":\"m\",\"context\":[1,\"a\"]} | context[1] must be an integer",
        "{\"model\":\"m\",\"images\":[7]} | images[0] must be a string",
        "{\"model\":\"m\",\"logprobs\":true,\"top_logprobs\":1.5} | top_logprobs must be an integer",
        "{\"prompt\":\"x\"} | model is required and must not be blank",
        "{\"model\":\"m\",\"images\":[\"not base64!\"]} | images[0] is not base64",
        "{\"model\":\"m\",\"keep_alive\":\"soon\"} | keep_alive \"soon\" is not a duration",
        "{\"model\":\"m\",\"format\":\"yaml\"} | format must be \"json\" or a JSON Schema object",
        "{\"model\":\"m\",\"top_logprobs\":2} | topLogprobs needs logprobs(true)",
        "[1,2] | request body must be a JSON object"
      })
  void aGenerateBodyTheServerWouldNotTakeIsRefusedNamingTheField(String json, String message) {
    assertThatThrownBy(() -> OllamaJson.read(json, GenerateRequest.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aChatBodyIsRefusedWhereItIsWrongEvenInsideAMessage() {
    assertThatThrownBy(
            () ->
                OllamaJson.read(
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\","
                        + "\"mood\":\"happy\"}]}",
                    ChatRequest.class))
        .hasMessageContaining("unknown field \"messages[0].mood\"");
    assertThatThrownBy(
            () ->
                OllamaJson.read(
                    "{\"model\":\"m\",\"messages\":[{\"content\":\"hi\"}]}", ChatRequest.class))
        .hasMessageContaining("messages[0].role is required");
    assertThatThrownBy(() -> OllamaJson.read("{\"model\":\"m\"}", ChatRequest.class))
        .hasMessageContaining("messages must not be empty");
    assertThatThrownBy(() -> OllamaJson.read("{\"model\":", ChatRequest.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not valid JSON");
  }

  @Test
  void answersAreReadAsTheClientReadsThem() {
    ChatResponse answer =
        OllamaJson.read(
            "{\"model\":\"m\",\"created_at\":\"2025-10-02T14:03:12.1Z\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":true,\"new_field\":1}",
            ChatResponse.class);

    assertThat(answer.message()).isEqualTo(Message.assistant("Hi"));
    assertThat(answer.done()).isTrue();
    assertThatThrownBy(() -> OllamaJson.read("null", ChatResponse.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyRequestsAndTheirPartsAreWritten() {
    assertThat(OllamaJson.write(Message.user("hi")))
        .isEqualTo("{\"role\":\"user\",\"content\":\"hi\"}");
    assertThatThrownBy(() -> OllamaJson.write(Map.of("a", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ChatRequest, GenerateRequest, EmbedRequest, Message or Tool");
  }
}
