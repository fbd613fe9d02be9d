package io.github.ollamaclient.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.KeepAlive;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code embedAll}'s exact requests and its refusal of an answer that does not match a batch. */
class EmbedAllTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  @Test
  void eachBatchCarriesTheRequestsSettingsAndItsInputsAsAnArray() {
    ollama.enqueueJson("{\"model\":\"all-minilm\",\"embeddings\":[[1,0],[0,1]]}");
    ollama.enqueueJson("{\"model\":\"all-minilm\",\"embeddings\":[[0.6,0.8]]}");

    EmbedResponse all =
        ollama
            .client()
            .embedAll(
                EmbedRequest.builder("all-minilm")
                    .inputs(List.of("a", "b", "c"))
                    .truncate(false)
                    .dimensions(2)
                    .keepAlive(KeepAlive.of(Duration.ofMinutes(1)))
                    .build(),
                2,
                EmbedProgress.NONE);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                "{\"model\":\"all-minilm\",\"input\":[\"a\",\"b\"],\"truncate\":false,"
                    + "\"dimensions\":2,\"keep_alive\":\"1m\"}"));
    assertThat(ollama.takeJsonBody().get("input")).isEqualTo(MockOllama.json("[\"c\"]"));
    assertThat(all.embeddings()).hasSize(3);
    assertThat(all.embeddings().get(2)).containsExactly(0.6f, 0.8f);
    assertThat(all.metrics()).isEmpty();
  }

  @Test
  void aBatchAnsweredWithTheWrongNumberOfVectorsIsAProtocolError() {
    ollama.enqueueJson("{\"model\":\"all-minilm\",\"embeddings\":[[1,0]]}");

    assertThatThrownBy(
            () ->
                ollama
                    .client()
                    .embedAll(
                        EmbedRequest.builder("all-minilm").inputs(List.of("a", "b")).build(),
                        10,
                        EmbedProgress.NONE))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessage("/api/embed answered the batch of inputs[0..1] with 1 vectors for 2 inputs");
  }
}
