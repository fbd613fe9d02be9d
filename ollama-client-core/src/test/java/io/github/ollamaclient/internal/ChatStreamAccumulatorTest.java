package io.github.ollamaclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Role;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.inference.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatStreamAccumulatorTest {

  private static ChatResponse piece(Message message, Instant at) {
    return new ChatResponse("qwen3", at, message, false, null, null, null);
  }

  @Test
  void takesTheRoleFromTheFirstChunkAndTheRestFromTheLast() {
    Metrics metrics =
        new Metrics(
            Duration.ofSeconds(2), Duration.ZERO, 5, Duration.ZERO, 7, Duration.ofSeconds(1));
    Image image = Image.of(new byte[] {9});
    ChatStream.Accumulator aggregator = new ChatStream.Accumulator();

    aggregator.add(
        piece(
            new Message(Role.of("developer"), "a", null, List.of(image), null, null),
            Instant.ofEpochSecond(1)));
    aggregator.add(
        piece(
            new Message(
                Role.ASSISTANT,
                "b",
                Optional.of("t"),
                null,
                List.of(ToolCall.of("f", Map.of())),
                null),
            Instant.ofEpochSecond(2)));
    aggregator.add(
        new ChatResponse(
            "qwen3:8b",
            Instant.ofEpochSecond(3),
            Message.assistant(""),
            true,
            Optional.of("stop"),
            Optional.of(metrics),
            null));
    ChatResponse whole = aggregator.result();

    assertThat(whole)
        .isEqualTo(
            new ChatResponse(
                "qwen3:8b",
                Instant.ofEpochSecond(3),
                new Message(
                    Role.of("developer"),
                    "ab",
                    Optional.of("t"),
                    List.of(image),
                    List.of(ToolCall.of("f", Map.of())),
                    Optional.empty()),
                true,
                Optional.of("stop"),
                Optional.of(metrics),
                List.of()));
  }

  @Test
  void resultWithoutAnyChunkIsAnError() {
    assertThatThrownBy(() -> new ChatStream.Accumulator().result())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no chat chunk was added");
  }
}
