package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireTest {
  @Test
  void printsTimestampsLikeGoWithTrailingZerosDropped() {
    assertThat(Wire.utcTimestamp(Instant.parse("2023-08-04T19:22:45.499127000Z")))
        .isEqualTo("2023-08-04T19:22:45.499127Z");
    assertThat(Wire.utcTimestamp(Instant.parse("2023-08-04T19:22:45.385406455Z")))
        .isEqualTo("2023-08-04T19:22:45.385406455Z");
    assertThat(Wire.utcTimestamp(Instant.parse("2023-08-04T19:22:45Z")))
        .isEqualTo("2023-08-04T19:22:45Z");
  }

  @Test
  void canonicalisesModelNamesAsOllamaDoes() {
    assertThat(Wire.canonicalName("llama3.2")).isEqualTo("llama3.2:latest");
    assertThat(Wire.canonicalName("registry.ollama.ai/library/llama3.2:1b"))
        .isEqualTo("llama3.2:1b");
    assertThat(Wire.canonicalName("7shi/ezo-gemma-2-jpn:2b-instruct-q8_0"))
        .isEqualTo("7shi/ezo-gemma-2-jpn:2b-instruct-q8_0");
    assertThat(Wire.lookupKey("Llama3.2")).isEqualTo(Wire.lookupKey("llama3.2:latest"));
    assertThat(Wire.fullName("llama3.2:latest"))
        .isEqualTo("registry.ollama.ai/library/llama3.2:latest");
  }

  @Test
  void readsKeepAliveAsSecondsOrGoDurations() {
    assertThat(Wire.keepAlive(null)).hasValue(Duration.ofMinutes(5));
    assertThat(Wire.keepAlive(IntNode.valueOf(0))).hasValue(Duration.ZERO);
    assertThat(Wire.keepAlive(IntNode.valueOf(30))).hasValue(Duration.ofSeconds(30));
    assertThat(Wire.keepAlive(TextNode.valueOf("1h30m"))).hasValue(Duration.ofMinutes(90));
    assertThat(Wire.keepAlive(TextNode.valueOf("300ms"))).hasValue(Duration.ofMillis(300));
    assertThat(Wire.keepAlive(IntNode.valueOf(-1))).isEqualTo(Optional.empty());
    assertThat(Wire.keepAlive(TextNode.valueOf("-1m"))).isEqualTo(Optional.empty());
  }
}
