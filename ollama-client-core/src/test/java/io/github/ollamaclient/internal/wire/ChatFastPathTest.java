package io.github.ollamaclient.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.chat.ChatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatFastPathTest {
  private final LineDecoderCheck<ChatResponse> check =
      new LineDecoderCheck<>(ChatWire.fastPath(), ChatResponse.class);

  private static String chunk(String model, String content) {
    ObjectNode line = WireJson.MAPPER.createObjectNode();
    line.put("model", model);
    line.put("created_at", "2025-10-02T14:03:12.123456789Z");
    line.putObject("message").put("role", "assistant").put("content", content);
    line.put("done", false);
    return line.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"model\":\"llama3.2\",\"created_at\":\"2025-10-02T14:03:12.1Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\" The\"},\"done\":false}",
        " { \"done\" : false , \"message\" : { \"content\" : \"x\" , \"role\" : \"user\" } ,"
            + " \"created_at\" : \"2024-06-04T14:38:31.83753-07:00\" , \"model\" : \"m\" } ",
        "{\"model\":\"m\",\"message\":{\"role\":\"system\",\"content\":\"\\n\\n\\t\\\"q\\\" \\\\ \\/"
            + " \\u00e9\\u003c\\ud83c\\udf05\\b\\f\\r\"},\"done\":false}",
        "{\"model\":\"m\",\"message\":{\"role\":\"tool\",\"content\":\"N₂ café 🌅 日本語 — \"}}",
        "{\"model\":\"7shi/ezo-gemma-2-jpn:2b-instruct-q8_0\",\"message\":{\"content\":\"こんにちは\"}}",
        "{\"model\":\"m\\u0021\",\"message\":{}}",
        "{}",
        "{\"model\":\"a\",\"model\":\"b\"}",
        "{\"model\" : \"a\", \"model\":\"a\",\"model\":\"7shi/ezo-gemma-2-jpn:2b-instruct-q8_0\"}",
        "{\"message\":{\"role\":\"user\"}}",
        "{\"message\":{\"role\":\"assistant\",\"content\":\"\\ud800 lone\"}}",
        "{\"done_reason\":\"stop\",\"done\":true}",
        "{\"done_reason\":\"\",\"done\":true}",
        "{\"message\":{\"content\":\"\",\"thinking\":\"hmm\",\"tool_name\":\"t\"}}",
        "{\"model\":\"gpt-oss:120b-cloud\",\"remote_model\":\"gpt-oss:120b\","
            + "\"remote_host\":\"https://ollama.com:443\",\"created_at\":\"2025-10-02T14:03:12.1Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"done\":false}",
        "{\"message\":{\"role\":\"tool\",\"content\":\"1\",\"tool_call_id\":\"call_1\"}}"
      })
  void readsTheUsualChunksAsJacksonDoes(String line) {
    check.readsAsJackson(line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"model\":\"m\",\"message\":{\"content\":\"\"},\"done\":true,\"total_duration\":1}",
        "{\"model\":\"m\",\"message\":{\"tool_calls\":[{\"function\":{\"name\":\"f\"}}]}}",
        "{\"model\":\"m\",\"message\":{\"images\":[\"aGk=\"]}}",
        "{\"model\":\"m\",\"message\":{\"role\":\"critic\",\"content\":\"x\"}}",
        "{\"model\":\"m\",\"message\":{\"role\":\"assistants\",\"content\":\"x\"}}",
        "{\"model\":\"m\",\"message\":{\"roles\":\"user\"}}",
        "{\"models\":\"m\"}",
        "{\"mode\":\"m\"}",
        "{\"model\":\"m\",\"message\":{\"role\" \"user\"}}",
        "{\"model\":\"m\",\"message\":{\"role\":\"\",\"content\":\"x\"}}",
        "{\"model\":\"m\",\"logprobs\":[]}",
        "{\"model\":\"m\",\"error\":\"boom\"}",
        "{\"error\":\"boom\"}",
        "{\"model\":null}",
        "{\"model\":\"m\",\"message\":null}",
        "{\"model\":\"m\",\"message\":{\"content\":null}}",
        "{\"model\":\"m\",\"message\":{\"content\":7}}",
        "{\"model\":\"m\",\"done\":null}",
        "{\"model\":\"m\",\"done\":\"false\"}",
        "{\"model\":\"m\",\"done\":falsey}",
        "{\"model\":\"m\",}",
        "{\"model\":\"m\",\"message\":{\"content\":\"x\",}}",
        "{\"model\":\"m\"",
        "{\"model\":\"m\"} x",
        "{\"model\":\"m\"}{}",
        "{\"model\" \"m\"}",
        "{\"model\":\"m\",\"message\":{\"content\":\"a\\x\"}}",
        "{\"model\":\"m\",\"message\":{\"content\":\"a\\u12g4\"}}",
        "{\"model\":\"m\",\"message\":{\"content\":\"a\\u12\"}}",
        "{\"model\":\"m\",\"message\":{\"content\":\"tab\tinside\"}}",
        "{\"model\":\"m\",\"created_at\":\"yesterday\"}",
        "{\"model\":\"m\",\"created_at\":\"2023-02-29T19:22:45Z\"}",
        "{\"mo\\u0064el\":\"m\"}",
        "[]",
        "null",
        "",
        "   "
      })
  void declinesEverythingElse(String line) {
    assertThat(check.fast(line)).isNull();
  }

  @Test
  void declinesMalformedUtf8() {
    byte[][] contents = {
      {(byte) 0xC0, (byte) 0x80}, // overlong
      {(byte) 0x80}, // a continuation byte alone
      {(byte) 0xE2, (byte) 0x82}, // cut short
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
      {(byte) 0xFF}
    };
    for (byte[] content : contents) {
      byte[] head = LineDecoderCheck.utf8("{\"message\":{\"content\":\"");
      byte[] tail = LineDecoderCheck.utf8("\"}}");
      byte[] line = new byte[head.length + content.length + tail.length];
      System.arraycopy(head, 0, line, 0, head.length);
      System.arraycopy(content, 0, line, head.length, content.length);
      System.arraycopy(tail, 0, line, head.length + content.length, tail.length);

      assertThat(check.fast(line)).isNull();
    }
  }

  @Test
  void readsAnyTextAsJacksonDoes() {
    check.readsAnyTextAsJackson(
        text -> chunk("llama3.2", text), chunk -> chunk.message().content());
  }

  @Test
  void neverDisagreesWithJacksonOnADamagedLine() {
    check.neverDisagreesOnDamagedLines(i -> chunk("m", "a\"b\\c/d é 🌅 " + i));
  }
}
