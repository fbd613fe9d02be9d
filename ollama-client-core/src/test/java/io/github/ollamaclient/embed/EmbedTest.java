package io.github.ollamaclient.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.Options;
import java.time.Duration;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbedTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  /** "Generate Embeddings / Response" from Ollama's API docs. */
  static final String ONE_INPUT_RESPONSE =
      """
      {
        "model": "all-minilm",
        "embeddings": [
          [
            0.010071029, -0.0017594862, 0.05007221, 0.04692972, 0.054916814,
            0.008599704, 0.105441414, -0.025878139, 0.12958129, 0.031952348
          ]
        ],
        "total_duration": 14143917,
        "load_duration": 1019500,
        "prompt_eval_count": 8
      }
      """;

  /** "Generate Embeddings / Response" for the request with multiple inputs. */
  static final String TWO_INPUTS_RESPONSE =
      """
      {
        "model": "all-minilm",
        "embeddings": [
          [
            0.010071029, -0.0017594862, 0.05007221, 0.04692972, 0.054916814,
            0.008599704, 0.105441414, -0.025878139, 0.12958129, 0.031952348
          ],
          [
            -0.0098027075, 0.06042469, 0.025257962, -0.006364387, 0.07272725,
            0.017194884, 0.09032035, -0.051705178, 0.09951512, 0.09072481
          ]
        ]
      }
      """;

  static final float[] FIRST = {
    0.010071029f, -0.0017594862f, 0.05007221f, 0.04692972f, 0.054916814f,
    0.008599704f, 0.105441414f, -0.025878139f, 0.12958129f, 0.031952348f
  };

  static final float[] SECOND = {
    -0.0098027075f, 0.06042469f, 0.025257962f, -0.006364387f, 0.07272725f,
    0.017194884f, 0.09032035f, -0.051705178f, 0.09951512f, 0.09072481f
  };

  @Test
  void sendsOneInputAsAStringWithoutAStreamFlag() {
    ollama.enqueueJson(ONE_INPUT_RESPONSE);

    ollama.client().embed(EmbedRequest.builder("all-minilm").input("Why is the sky blue?").build());

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/embed");
    assertThat(MockOllama.parse(request))
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "all-minilm", "input": "Why is the sky blue?"}
                """));
  }

  @Test
  void decodesTheDocumentedSingleInputResponse() {
    ollama.enqueueJson(ONE_INPUT_RESPONSE);

    EmbedResponse response =
        ollama
            .client()
            .embed(EmbedRequest.builder("all-minilm").input("Why is the sky blue?").build());

    assertThat(response.model()).isEqualTo("all-minilm");
    assertThat(response.embeddings()).hasSize(1);
    assertThat(response.embedding()).containsExactly(FIRST);
    Metrics metrics = response.metrics().orElseThrow();
    assertThat(metrics.totalDuration()).isEqualTo(Duration.ofNanos(14143917));
    assertThat(metrics.loadDuration()).isEqualTo(Duration.ofNanos(1019500));
    assertThat(metrics.promptEvalCount()).isEqualTo(8);
    assertThat(metrics.evalCount()).isZero();
  }

  @Test
  void sendsSeveralInputsAsAnArray() {
    ollama.enqueueJson(TWO_INPUTS_RESPONSE);

    ollama
        .client()
        .embed(
            EmbedRequest.builder("all-minilm")
                .inputs(List.of("Why is the sky blue?", "Why is the grass green?"))
                .build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "all-minilm",
                 "input": ["Why is the sky blue?", "Why is the grass green?"]}
                """));
  }

  @Test
  void decodesTheDocumentedMultipleInputResponseInInputOrder() {
    ollama.enqueueJson(TWO_INPUTS_RESPONSE);

    EmbedResponse response =
        ollama
            .client()
            .embed(
                EmbedRequest.builder("all-minilm")
                    .inputs(List.of("Why is the sky blue?", "Why is the grass green?"))
                    .build());

    assertThat(response.embeddings()).hasSize(2);
    assertThat(response.embeddings().get(0)).containsExactly(FIRST);
    assertThat(response.embeddings().get(1)).containsExactly(SECOND);
    assertThat(response.metrics()).isEmpty();
  }

  @Test
  void sendsOneInputGivenAsAListAsAnArray() {
    ollama.enqueueJson(ONE_INPUT_RESPONSE);

    ollama.client().embed(EmbedRequest.builder("all-minilm").inputs(List.of("only")).build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(MockOllama.json("{\"model\": \"all-minilm\", \"input\": [\"only\"]}"));
  }

  @Test
  void sendsTruncateDimensionsOptionsAndKeepAlive() {
    ollama.enqueueJson(ONE_INPUT_RESPONSE);

    ollama
        .client()
        .embed(
            EmbedRequest.builder("embeddinggemma")
                .input("Generate embeddings for this text")
                .truncate(false)
                .dimensions(128)
                .options(Options.builder().numCtx(2048).build())
                .keepAlive(KeepAlive.of(Duration.ofMinutes(10)))
                .build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "embeddinggemma",
                 "input": "Generate embeddings for this text",
                 "truncate": false,
                 "dimensions": 128,
                 "options": {"num_ctx": 2048},
                 "keep_alive": "10m"}
                """));
  }

  @Test
  void ignoresUnknownResponseFields() {
    ollama.enqueueJson(
        """
        {"model": "all-minilm", "embeddings": [[0.5, -0.25]], "later_field": {"x": [1, 2]},
         "prompt_eval_count": 3}
        """);

    EmbedResponse response =
        ollama.client().embed(EmbedRequest.builder("all-minilm").input("x").build());

    assertThat(response.embedding()).containsExactly(0.5f, -0.25f);
    assertThat(response.metrics().orElseThrow().promptEvalCount()).isEqualTo(3);
  }

  @Test
  void missingEmbeddingsDecodeAsNoVectors() {
    ollama.enqueueJson("{\"model\": \"all-minilm\", \"embeddings\": null}");

    EmbedResponse response =
        ollama.client().embed(EmbedRequest.builder("all-minilm").input("").build());

    assertThat(response.embeddings()).isEmpty();
  }

  @Test
  void unknownModelThrowsModelNotFoundNamingTheModel() {
    ollama.enqueueJson(404, "{\"error\":\"model \\\"nomic\\\" not found, try pulling it first\"}");

    assertThatThrownBy(
            () -> ollama.client().embed(EmbedRequest.builder("nomic").input("text").build()))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("POST /api/embed failed with HTTP 404")
        .hasMessageContaining("client.pull(\"nomic\")");
  }

  @Test
  void aStringInsideAVectorIsAProtocolErrorNamingThePosition() {
    ollama.enqueueJson("{\"model\": \"m\", \"embeddings\": [[0.1, 0.2], [0.3, \"oops\"]]}");

    assertThatThrownBy(() -> ollama.client().embed(EmbedRequest.builder("m").input("x").build()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("POST /api/embed")
        .hasMessageContaining("embeddings[1][1] must be a number, was a string \"oops\"");
  }

  @Test
  void aVectorNestedTooDeepIsAProtocolError() {
    ollama.enqueueJson("{\"model\": \"m\", \"embeddings\": [[[0.1, 0.2]]]}");

    assertThatThrownBy(() -> ollama.client().embed(EmbedRequest.builder("m").input("x").build()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("embeddings[0][0] must be a number, was an array (nested too deep)");
  }

  @Test
  void aNullVectorIsAProtocolError() {
    ollama.enqueueJson("{\"model\": \"m\", \"embeddings\": [[0.1], null]}");

    assertThatThrownBy(() -> ollama.client().embed(EmbedRequest.builder("m").input("x").build()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("embeddings[1] must be an array of numbers, was null");
  }

  @Test
  void aNullNumberIsAProtocolError() {
    ollama.enqueueJson("{\"model\": \"m\", \"embeddings\": [[0.1, null]]}");

    assertThatThrownBy(() -> ollama.client().embed(EmbedRequest.builder("m").input("x").build()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("embeddings[0][1] must be a number, was null");
  }

  @Test
  void aFlatVectorWhereAListOfVectorsBelongsIsAProtocolError() {
    ollama.enqueueJson("{\"model\": \"m\", \"embeddings\": [0.1, 0.2]}");

    assertThatThrownBy(() -> ollama.client().embed(EmbedRequest.builder("m").input("x").build()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("embeddings[0] must be an array of numbers, was a number");
  }

  @Test
  void embeddingsThatAreNotAnArrayAreAProtocolError() {
    ollama.enqueueJson("{\"model\": \"m\", \"embeddings\": {\"0\": [0.1]}}");

    assertThatThrownBy(() -> ollama.client().embed(EmbedRequest.builder("m").input("x").build()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("embeddings must be an array of arrays of numbers, was an object");
  }
}
