package io.github.ollamaclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.stream.ResponseStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-token chunks the fast path declines are still read exactly, and are counted. */
class FastPathMissesTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static String token(String text, String extra) {
    return "{\"model\":\"m\",\"created_at\":\"2024-01-01T00:00:00Z\",\"message\":{\"role\":"
        + "\"assistant\",\"content\":\""
        + text
        + "\"}"
        + extra
        + ",\"done\":false}";
  }

  private static final String FINAL =
      "{\"model\":\"m\",\"created_at\":\"2024-01-01T00:00:01Z\",\"message\":{\"role\":"
          + "\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
          + "\"eval_count\":3}";

  private List<String> contents() {
    List<String> contents = new ArrayList<>();
    try (ResponseStream<ChatResponse> stream =
        ollama.client().chatStream(ChatRequest.builder("m").message(Message.user("hi")).build())) {
      for (ChatResponse chunk : stream) {
        contents.add(chunk.message().content());
      }
    }
    return contents;
  }

  @Test
  void chunksTheFastPathKnowsAreNoMisses() {
    ollama.enqueueNdjson(token("a", ""), token("b", ""), FINAL);
    long before = ChunkDecoder.fastPathMisses();

    assertThat(contents()).containsExactly("a", "b", "");
    assertThat(ChunkDecoder.fastPathMisses() - before).isZero();
  }

  @Test
  void aPerTokenFieldTheFastPathDoesNotKnowIsReadByJacksonAndCounted() {
    ollama.enqueueNdjson(
        token("a", ",\"shiny_new_field\":1"),
        token("b", ",\"shiny_new_field\":2"),
        token("c", ""),
        FINAL);
    long before = ChunkDecoder.fastPathMisses();

    assertThat(contents()).containsExactly("a", "b", "c", "");
    assertThat(ChunkDecoder.fastPathMisses() - before).isEqualTo(2);
  }
}
