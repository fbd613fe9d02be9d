package io.github.ollamaclient.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The legacy {@code POST /api/embeddings}: deprecated, but it must keep working. */
@SuppressWarnings("deprecation")
class EmbeddingsTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  /** "Generate Embedding / Response" from Ollama's API docs. */
  static final String RESPONSE =
      """
      {
        "embedding": [
          0.5670403838157654, 0.009260174818336964, 0.23178744316101074,
          -0.2916173040866852, -0.8924556970596313, 0.8785552978515625,
          -0.34576427936553955, 0.5742510557174683, -0.04222835972905159,
          -0.137906014919281
        ]
      }
      """;

  @Test
  void sendsModelAndPromptWithoutAStreamFlag() {
    ollama.enqueueJson(RESPONSE);

    ollama
        .client()
        .embeddings(
            EmbeddingsRequest.builder("all-minilm")
                .prompt("Here is an article about llamas...")
                .build());

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/embeddings");
    assertThat(MockOllama.parse(request))
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "all-minilm", "prompt": "Here is an article about llamas..."}
                """));
  }

  @Test
  void sendsOptionsAndKeepAlive() {
    ollama.enqueueJson(RESPONSE);

    ollama
        .client()
        .embeddings(
            EmbeddingsRequest.builder("all-minilm")
                .prompt("llamas")
                .options(Options.builder().seed(7).build())
                .keepAlive(KeepAlive.UNLOAD)
                .build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "all-minilm", "prompt": "llamas", "options": {"seed": 7},
                 "keep_alive": 0}
                """));
  }

  @Test
  void decodesTheDocumentedResponseToTheNearestFloats() {
    ollama.enqueueJson(RESPONSE);

    EmbeddingsResponse response =
        ollama.client().embeddings(EmbeddingsRequest.builder("all-minilm").prompt("x").build());

    assertThat(response.embedding())
        .containsExactly(
            (float) 0.5670403838157654,
            (float) 0.009260174818336964,
            (float) 0.23178744316101074,
            (float) -0.2916173040866852,
            (float) -0.8924556970596313,
            (float) 0.8785552978515625,
            (float) -0.34576427936553955,
            (float) 0.5742510557174683,
            (float) -0.04222835972905159,
            (float) -0.137906014919281);
  }

  @Test
  void aMissingVectorDecodesAsAnEmptyOne() {
    ollama.enqueueJson("{\"later_field\": true}");

    EmbeddingsResponse response =
        ollama.client().embeddings(EmbeddingsRequest.builder("all-minilm").prompt("").build());

    assertThat(response.embedding()).isEmpty();
  }

  @Test
  void aStringInTheVectorIsAProtocolErrorNamingThePosition() {
    ollama.enqueueJson("{\"embedding\": [0.1, 0.2, \"0.3\"]}");

    assertThatThrownBy(
            () -> ollama.client().embeddings(EmbeddingsRequest.builder("m").prompt("x").build()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("POST /api/embeddings")
        .hasMessageContaining("embedding[2] must be a number, was a string \"0.3\"");
  }

  @Test
  void unknownModelThrowsModelNotFound() {
    ollama.enqueueJson(404, "{\"error\":\"model \\\"nomic\\\" not found, try pulling it first\"}");

    assertThatThrownBy(
            () ->
                ollama.client().embeddings(EmbeddingsRequest.builder("nomic").prompt("x").build()))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("`ollama pull nomic`");
  }

  @Test
  void buildRequiresAPrompt() {
    assertThatThrownBy(() -> EmbeddingsRequest.builder("all-minilm").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prompt");
  }

  @Test
  void buildRejectsABlankModel() {
    assertThatThrownBy(() -> EmbeddingsRequest.builder(" ").prompt("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must not be blank");
  }

  @Test
  void toBuilderCopiesEveryValue() {
    EmbeddingsRequest request =
        EmbeddingsRequest.builder("all-minilm")
            .prompt("llamas")
            .options(Options.builder().seed(7).build())
            .keepAlive(KeepAlive.FOREVER)
            .build();

    assertThat(request.toBuilder().build()).isEqualTo(request).hasSameHashCodeAs(request);
    assertThat(request.toBuilder().prompt("alpacas").build().prompt()).isEqualTo("alpacas");
  }

  @Test
  void responsesWithTheSameNumbersAreEqualAndPrintTheirSizeOnly() {
    EmbeddingsResponse a = new EmbeddingsResponse(new float[] {0.25f, -1f, 3f});
    EmbeddingsResponse b = new EmbeddingsResponse(new float[] {0.25f, -1f, 3f});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new EmbeddingsResponse(new float[] {0.25f, -1f}));
    assertThat(a).hasToString("EmbeddingsResponse[embedding=3 dimensions]");
    assertThat(new EmbeddingsResponse(null).embedding()).isEmpty();
  }
}
