package io.github.ollamaclient.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.OllamaHttpException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelRecommendationsTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  /** Two entries of the list built into Ollama 0.33 (server/model_recommendations.go), as sent. */
  private static final String BUILT_IN =
      """
      {"recommendations":[{"model":"glm-5.1:cloud","description":"Reasoning and code generation",\
      "context_length":202752,"max_output_tokens":131072},{"model":"gemma4","description":\
      "Reasoning and code generation locally","vram_bytes":12000000000}]}""";

  @Test
  void getsTheRecommendationsInTheServersOrder() {
    ollama.enqueueJson(BUILT_IN);

    List<ModelRecommendation> recommendations = ollama.client().experimentalModelRecommendations();

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/experimental/model-recommendations");
    assertThat(recommendations)
        .containsExactly(
            new ModelRecommendation(
                "glm-5.1:cloud",
                "Reasoning and code generation",
                OptionalInt.of(202_752),
                OptionalInt.of(131_072),
                OptionalLong.empty(),
                Optional.empty()),
            new ModelRecommendation(
                "gemma4",
                "Reasoning and code generation locally",
                OptionalInt.empty(),
                OptionalInt.empty(),
                OptionalLong.of(12_000_000_000L),
                Optional.empty()));
  }

  @Test
  void readsThePlanAndTakesAnEmptyOrMissingList() {
    ollama.enqueueJson(
        "{\"recommendations\":[{\"model\":\"kimi:cloud\",\"description\":\"\","
            + "\"required_plan\":\"pro\"}]}");
    ollama.enqueueJson("{\"recommendations\":[]}");
    ollama.enqueueJson("{}");

    assertThat(ollama.client().experimentalModelRecommendations().get(0).requiredPlan())
        .contains("pro");
    assertThat(ollama.client().experimentalModelRecommendations()).isEmpty();
    assertThat(ollama.client().experimentalModelRecommendations()).isEmpty();
  }

  @Test
  void aServerOlderThanTheRouteAnswers404() {
    ollama.enqueueJson(404, "404 page not found");

    assertThatThrownBy(() -> ollama.client().experimentalModelRecommendations())
        .isInstanceOf(OllamaHttpException.class)
        .satisfies(e -> assertThat(((OllamaHttpException) e).statusCode()).isEqualTo(404));
  }
}
