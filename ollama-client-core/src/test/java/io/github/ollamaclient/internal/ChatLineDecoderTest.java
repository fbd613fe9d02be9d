package io.github.ollamaclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.chat.ChatResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatLineDecoderTest {
  private static final ObjectReader JACKSON = Json.MAPPER.readerFor(ChatResponse.class);

  private final ChatLineDecoder decoder = new ChatLineDecoder();

  private ChatResponse fast(byte[] line) {
    // Inside a larger array, as lines lie in okio's segments.
    byte[] padded = new byte[line.length + 20];
    System.arraycopy(line, 0, padded, 7, line.length);
    padded[6] = '{';
    padded[7 + line.length] = '}';
    return decoder.decode(padded, 7, 7 + line.length);
  }

  private static ChatResponse jackson(byte[] line) {
    try {
      return JACKSON.readValue(line);
    } catch (Exception e) {
      return null;
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String chunk(String model, String content) {
    ObjectNode line = Json.MAPPER.createObjectNode();
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
        "{\"message\":{\"role\":\"assistant\",\"content\":\"\\ud800 lone\"}}"
      })
  void readsTheUsualChunksAsJacksonDoes(String line) {
    ChatResponse fast = fast(utf8(line));

    assertThat(fast).isNotNull().isEqualTo(jackson(utf8(line)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"model\":\"m\",\"message\":{\"content\":\"\"},\"done\":true,\"total_duration\":1}",
        "{\"model\":\"m\",\"message\":{\"content\":\"\",\"thinking\":\"hmm\"}}",
        "{\"model\":\"m\",\"message\":{\"tool_calls\":[{\"function\":{\"name\":\"f\"}}]}}",
        "{\"model\":\"m\",\"message\":{\"images\":[\"aGk=\"]}}",
        "{\"model\":\"m\",\"message\":{\"role\":\"critic\",\"content\":\"x\"}}",
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
    assertThat(fast(utf8(line))).isNull();
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
      byte[] head = utf8("{\"message\":{\"content\":\"");
      byte[] tail = utf8("\"}}");
      byte[] line = new byte[head.length + content.length + tail.length];
      System.arraycopy(head, 0, line, 0, head.length);
      System.arraycopy(content, 0, line, head.length, content.length);
      System.arraycopy(tail, 0, line, head.length + content.length, tail.length);

      assertThat(fast(line)).isNull();
    }
  }

  @Test
  void readsAnyTextAsJacksonDoes() {
    Random random = new Random(17);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder content = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        int kind = random.nextInt(5);
        int codePoint =
            kind == 0
                ? random.nextInt(0x20)
                : kind == 1
                    ? 0x20 + random.nextInt(0x60)
                    : kind == 2
                        ? 0x80 + random.nextInt(0xD800 - 0x80)
                        : kind == 3
                            ? 0xE000 + random.nextInt(0x2000)
                            : 0x10000 + random.nextInt(0x100000);
        content.appendCodePoint(codePoint);
      }
      byte[] line = utf8(chunk(random.nextBoolean() ? "llama3.2" : "qwen3:8b", content.toString()));

      ChatResponse fast = fast(line);

      assertThat(fast).as("%s", content).isNotNull().isEqualTo(jackson(line));
      assertThat(fast.message().content()).isEqualTo(content.toString());
    }
  }

  /**
   * Lines with a byte changed: the fast path may decline any of them, but what it reads must be
   * what Jackson reads, and it must never read a line that Jackson refuses.
   */
  @Test
  void neverDisagreesWithJacksonOnADamagedLine() {
    Random random = new Random(23);
    byte[] alphabet = utf8("{}[]:,\"\\/ntrufalse0123456789.-e\u00e9 \t\r\nxbu");
    int read = 0;
    for (int i = 0; i < 100_000; i++) {
      byte[] line = utf8(chunk("m", "a\"b\\c/d é 🌅 " + i));
      for (int n = 1 + random.nextInt(2); n > 0; n--) {
        int at = random.nextInt(line.length);
        line[at] =
            random.nextInt(4) == 0
                ? (byte) random.nextInt(256)
                : alphabet[random.nextInt(alphabet.length)];
      }

      ChatResponse fast = fast(line);

      if (fast != null) {
        read++;
        assertThat(fast)
            .as("%s", new String(line, StandardCharsets.UTF_8))
            .isEqualTo(jackson(line));
      }
    }
    assertThat(read).as("damaged lines still read on the fast path").isGreaterThan(1000);
  }
}
