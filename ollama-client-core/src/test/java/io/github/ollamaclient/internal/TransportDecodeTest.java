package io.github.ollamaclient.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.generate.GenerateRequest;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportDecodeTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  @Test
  void theClientsOwnExceptionFromACreatorIsNotHiddenByJacksonsWrapper() {
    ollama.enqueueJson("{\"later_field\": 1}");

    assertThatThrownBy(() -> ollama.client().version())
        .isExactlyInstanceOf(OllamaProtocolException.class)
        .hasMessage("GET /api/version answered without a version");
  }

  @Test
  void aBodyOfTheWrongShapeNamesJacksonsReasonAndShowsTheBody() {
    ollama.enqueueJson("{\"version\": [1, 2]}");

    assertThatThrownBy(() -> ollama.client().version())
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageStartingWith(
            "GET /api/version answered with a body that is not the expected JSON (")
        .hasMessageContaining("String")
        .hasMessageEndingWith("\"{\"version\": [1, 2]}\"");
  }

  @Test
  void aBodyOfTwoJsonValuesIsAProtocolErrorNotItsFirstValue() {
    ollama.enqueueJson("{\"version\": \"0.1.0\"} {\"version\": \"0.2.0\"}");

    assertThatThrownBy(() -> ollama.client().version())
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageStartingWith(
            "GET /api/version answered with a body that is not the expected JSON (Trailing token");
  }

  @Test
  void aNullBodyIsAProtocolErrorNotANullAnswer() {
    ollama.enqueueJson("null");

    assertThatThrownBy(() -> ollama.client().list())
        .isExactlyInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("GET /api/tags answered with an empty or null body");
  }

  @Test
  void aNullStreamLineIsAProtocolErrorNotANullChunk() {
    assertSecondStreamLineRefused("null")
        .hasMessageContaining("stream line 2 is not a valid chunk: null");
  }

  /**
   * The stream's parser reads values one after another: a line that closes an array or object
   * nobody opened ends that reading, and must still be a broken line, not a value-less chunk.
   */
  @ParameterizedTest
  @ValueSource(strings = {"]", "}", "[]", "42"})
  void aStreamLineThatIsNoObjectIsAProtocolErrorNamingTheLine(String line) {
    assertSecondStreamLineRefused(line).hasMessageContaining("stream line 2 is not a valid chunk");
  }

  /** A generate stream of one good chunk and then {@code line}, read whole: the refusal. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertSecondStreamLineRefused(
      String line) {
    ollama.enqueueNdjson(
        "{\"model\":\"m\",\"created_at\":\"2024-01-01T00:00:00Z\",\"response\":\"a\",\"done\":false}",
        line);
    try (var stream =
        ollama.client().generateStream(GenerateRequest.builder("m").prompt("hi").build())) {
      return assertThatThrownBy(stream::aggregate)
          .isExactlyInstanceOf(OllamaProtocolException.class);
    }
  }
}
