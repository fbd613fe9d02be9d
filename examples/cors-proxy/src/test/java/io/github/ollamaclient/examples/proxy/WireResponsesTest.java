package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.OllamaJson;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.generate.GenerateResponse;
import org.junit.jupiter.api.Test;

/**
 * Ollama's answers read by the SDK and written back by the proxy: what a page would have had from
 * Ollama itself. The answers are Ollama's own (api/types.go, v0.33).
 */
class WireResponsesTest {
  /** Ollama's answer to a chat sent with {@code "_debug_render_only": true}. */
  private static final String DEBUG_CHAT =
      """
      {"model": "llama3.2", "created_at": "2025-10-08T12:00:00Z",
       "message": {"role": "assistant", "content": ""}, "done": false,
       "_debug_info": {"rendered_template": "<|user|>Why?<|assistant|>", "image_count": 2}}
      """;

  private static final String DEBUG_GENERATE =
      """
      {"model": "llama3.2", "created_at": "2025-10-08T12:00:00Z", "response": "", "done": false,
       "_debug_info": {"rendered_template": "<|user|>Why?<|assistant|>"}}
      """;

  private static JsonNode tree(String json) throws Exception {
    return Wire.MAPPER.readTree(json);
  }

  @Test
  void passesOllamasDebugInfoThroughAChatAsOllamaWroteIt() throws Exception {
    JsonNode written = WireResponses.chat(OllamaJson.read(DEBUG_CHAT, ChatResponse.class));

    assertThat(written.get("_debug_info")).isEqualTo(tree(DEBUG_CHAT).get("_debug_info"));
    assertThat(written.get("done").booleanValue()).isFalse();
  }

  @Test
  void passesItThroughAGenerateLeavingOutAnImageCountOfZeroAsOllamaDoes() throws Exception {
    JsonNode written =
        WireResponses.generate(OllamaJson.read(DEBUG_GENERATE, GenerateResponse.class));

    assertThat(written.get("_debug_info")).isEqualTo(tree(DEBUG_GENERATE).get("_debug_info"));
  }

  @Test
  void writesNoDebugInfoForAnOrdinaryAnswer() {
    String answer =
        "{\"model\": \"llama3.2\", \"created_at\": \"2025-10-08T12:00:00Z\","
            + " \"message\": {\"role\": \"assistant\", \"content\": \"Blue.\"}, \"done\": true}";

    assertThat(WireResponses.chat(OllamaJson.read(answer, ChatResponse.class)).has("_debug_info"))
        .isFalse();
  }
}
