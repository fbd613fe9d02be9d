package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.DebugInfo;
import io.github.ollamaclient.stream.ResponseStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ollama's {@code _debug_render_only}: the server answers with one JSON object, {@code done: false}
 * and the rendered prompt in {@code _debug_info}, whether or not the call streams. The client reads
 * that object as the whole answer, while any other answer without {@code done: true} is still
 * refused as cut short.
 */
class DebugRenderOnlyTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static final String CHAT_RENDER =
      "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-05T10:00:00Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":false,"
          + "\"_debug_info\":{\"rendered_template\":\"<|user|>Why?<|assistant|>\","
          + "\"image_count\":1}}";

  private static final String GENERATE_RENDER =
      "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-05T10:00:00Z\",\"response\":\"\","
          + "\"done\":false,\"_debug_info\":{\"rendered_template\":\"<|user|>Why?\"}}";

  private static ChatRequest.Builder chat() {
    return ChatRequest.builder("llama3.2").message(Message.user("Why?"));
  }

  @Test
  void chatSendsTheFlagAndReturnsTheRenderedPromptAsTheWholeAnswer() {
    ollama.enqueueJson(CHAT_RENDER);

    ChatResponse answer = ollama.client().chat(chat().debugRenderOnly(true).build());

    assertThat(answer.debugInfo()).contains(new DebugInfo("<|user|>Why?<|assistant|>", 1));
    assertThat(answer.done()).isFalse();
    assertThat(answer.message().content()).isEmpty();
    JsonNode sent = ollama.takeJsonBody();
    assertThat(sent.path("_debug_render_only").asBoolean()).isTrue();
  }

  @Test
  void aStreamedChatEndsWithTheOneRenderedObject() {
    ollama.enqueueJson(CHAT_RENDER);

    try (ResponseStream<ChatResponse> stream =
        ollama.client().chatStream(chat().debugRenderOnly(true).build())) {
      assertThat(stream.aggregate().debugInfo().map(DebugInfo::renderedTemplate))
          .contains("<|user|>Why?<|assistant|>");
    }
  }

  @Test
  void generateReturnsTheRenderedPrompt() {
    ollama.enqueueJson(GENERATE_RENDER);

    GenerateResponse answer =
        ollama
            .client()
            .generate(
                GenerateRequest.builder("llama3.2").prompt("Why?").debugRenderOnly(true).build());

    assertThat(answer.debugInfo()).contains(new DebugInfo("<|user|>Why?", 0));
    assertThat(ollama.takeJsonBody().path("_debug_render_only").asBoolean()).isTrue();
  }

  @Test
  void theFlagIsNotSentUnlessSetAndFalseIsTheSameAsUnset() {
    ollama.enqueueNdjson(
        "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-05T10:00:00Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Blue.\"},\"done\":true}");

    ollama.client().chat(chat().debugRenderOnly(true).debugRenderOnly(false).build());

    assertThat(ollama.takeJsonBody().has("_debug_render_only")).isFalse();
    assertThat(chat().debugRenderOnly(false).build()).isEqualTo(chat().build());
    assertThat(chat().build().debugRenderOnly()).isFalse();
    assertThat(chat().debugRenderOnly(true).build().toBuilder().build().debugRenderOnly()).isTrue();
  }

  @Test
  void anUnfinishedAnswerWithoutDebugInfoIsStillRefused() {
    ollama.enqueueJson(CHAT_RENDER.replace(",\"_debug_info\"", ",\"_other\""));

    assertThatThrownBy(() -> ollama.client().chat(chat().debugRenderOnly(true).build()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("done: true");
  }

  @Test
  void aRequestWithTheFlagReadsBackFromItsJson() {
    ChatRequest request = chat().debugRenderOnly(true).build();

    String json = OllamaJson.write(request);

    assertThat(json).contains("\"_debug_render_only\":true");
    assertThat(OllamaJson.read(json, ChatRequest.class)).isEqualTo(request);
    GenerateRequest generate =
        GenerateRequest.builder("llama3.2").prompt("Why?").debugRenderOnly(true).build();
    assertThat(OllamaJson.read(OllamaJson.write(generate), GenerateRequest.class))
        .isEqualTo(generate);
  }
}
