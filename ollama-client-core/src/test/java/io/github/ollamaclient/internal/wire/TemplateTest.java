package io.github.ollamaclient.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectReader;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.generate.GenerateResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast path's template, learned from two lines that read alike, must read every later line as
 * Jackson does, whether the line matches it, half matches it, or breaks it.
 */
class TemplateTest {
  private final FastPath<ChatWire.ResponseParts, ChatResponse> chat =
      new FastPath<>(ChatWire.RESPONSE, new ChatWire.ResponseParts());
  private final ObjectReader jackson = WireJson.MAPPER.readerFor(ChatResponse.class);

  private static String chunk(String model, String time, String content) {
    return "{\"model\":\""
        + model
        + "\",\"created_at\":\""
        + time
        + "\",\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\"},\"done\":false}";
  }

  /** Each line read on the fast path as Jackson reads it; null lines are left to Jackson. */
  private void readsAsJackson(List<String> lines) throws Exception {
    for (String line : lines) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      ChatResponse fast = chat.decode(bytes, 0, bytes.length);
      if (fast != null) {
        assertThat(fast).as(line).isEqualTo(jackson.readValue(bytes));
      }
    }
  }

  @Test
  void aStreamsUsualLinesAreReadByTheTemplate() throws Exception {
    readsAsJackson(
        List.of(
            chunk("m", "2025-10-02T14:03:12.1Z", "The"),
            chunk("m", "2025-10-02T14:03:12.12Z", " sky"),
            chunk("m", "2025-10-02T14:03:12.123Z", " is"),
            chunk("m", "2025-10-02T14:03:12.1234Z", " blue \\u00e9\\n")));

    assertThat(chat.templateReads()).isEqualTo(2);
  }

  @Test
  void aValueThatStayedTheSameAndThenChangesIsReadAgainByTheTable() throws Exception {
    readsAsJackson(
        List.of(
            chunk("m", "2025-10-02T14:03:12.1Z", "same"),
            chunk("m", "2025-10-02T14:03:12.2Z", "same"),
            chunk("m", "2025-10-02T14:03:12.3Z", "other"),
            chunk("n", "2025-10-02T14:03:12.4Z", "other"),
            chunk("m", "2025-10-02T14:03:12.5Z", "x"),
            chunk("m", "2025-10-02T14:03:12.6Z", "y")));

    assertThat(chat.templateReads()).isEqualTo(1);
  }

  @Test
  void aLineTheTableDeclinesHalfWayLeavesNoTemplateBehind() throws Exception {
    readsAsJackson(
        List.of(
            chunk("m", "2025-10-02T14:03:12.1Z", "a"),
            chunk("m", "2025-10-02T14:03:12.2Z", "b"),
            // Read as far as the unknown member, which already replaced the model and the role.
            "{\"model\":\"other\",\"created_at\":\"2025-10-02T14:03:12.3Z\","
                + "\"message\":{\"role\":\"user\",\"content\":\"c\"},\"unknown\":1}",
            chunk("m", "2025-10-02T14:03:12.4Z", "d"),
            chunk("m", "2025-10-02T14:03:12.5Z", "e")));
  }

  @Test
  void aMemberThatComesTwiceIsNeverLearned() throws Exception {
    // The later of two members wins; a hole in the earlier one must not overwrite it.
    readsAsJackson(
        List.of(
            "{\"model\":\"x\",\"model\":\"last\"}",
            "{\"model\":\"y\",\"model\":\"last\"}",
            "{\"model\":\"z\",\"model\":\"last\"}",
            "{\"message\":{\"content\":\"a\"},\"message\":{\"role\":\"user\"}}",
            "{\"message\":{\"content\":\"b\"},\"message\":{\"role\":\"user\"}}",
            "{\"message\":{\"content\":\"c\"},\"message\":{\"role\":\"user\"}}"));

    assertThat(chat.templateReads()).isZero();
  }

  @Test
  void aChangeOfShapeIsLearnedAgain() throws Exception {
    String thinking =
        "{\"model\":\"m\",\"created_at\":\"2025-10-02T14:03:12.%dZ\",\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"\",\"thinking\":\"%s\"},\"done\":false}";
    readsAsJackson(
        List.of(
            String.format(thinking, 1, "hmm"),
            String.format(thinking, 2, " so"),
            String.format(thinking, 3, " then"),
            chunk("m", "2025-10-02T14:03:12.4Z", "The"),
            chunk("m", "2025-10-02T14:03:12.5Z", " answer"),
            chunk("m", "2025-10-02T14:03:12.6Z", " is"),
            "{\"model\":\"m\",\"created_at\":\"2025-10-02T14:03:12.7Z\",\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}"));

    assertThat(chat.templateReads()).isEqualTo(2);
  }

  @Test
  void generateChunksAreReadByTheTemplateToo() throws Exception {
    FastPath<GenerateWire.ResponseParts, GenerateResponse> generate =
        new FastPath<>(GenerateWire.RESPONSE, new GenerateWire.ResponseParts());
    ObjectReader reader = WireJson.MAPPER.readerFor(GenerateResponse.class);
    for (int i = 0; i < 10; i++) {
      byte[] line =
          ("{\"model\":\"m\",\"created_at\":\"2025-10-02T14:03:12."
                  + i
                  + "Z\",\"response\":\"t"
                  + i
                  + "\",\"done\":false}")
              .getBytes(StandardCharsets.UTF_8);

      assertThat(generate.decode(line, 0, line.length)).isEqualTo(reader.readValue(line));
    }
    assertThat(generate.templateReads()).isEqualTo(8);
  }
}
