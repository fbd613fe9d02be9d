package io.github.ollamaclient.embed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.github.ollamaclient.inference.HasMetrics;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.json.Json;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code POST /api/embed}: one vector per input, in the order of the inputs.
 *
 * <p>Ollama normalises each vector to unit length, so cosine similarity is a plain dot product. The
 * arrays are the response's own (not copied on access, for speed): treat them as read-only.
 *
 * @param model the model that produced the vectors
 * @param embeddings one vector per input, in input order; unmodifiable, empty when absent
 * @param metrics the time the server spent ({@code total_duration}), loading the model ({@code
 *     load_duration}) and the input tokens it read ({@code prompt_eval_count}), as for chat and
 *     generate; the generation fields are zero. Empty when the server sent none of them.
 */
public record EmbedResponse(String model, List<float[]> embeddings, Optional<Metrics> metrics)
    implements HasMetrics {

  /** Normalises absent values: empty model, no vectors, no metrics. */
  public EmbedResponse {
    model = model == null ? "" : model;
    embeddings = embeddings == null ? List.of() : List.copyOf(embeddings);
    metrics = Objects.requireNonNullElse(metrics, Optional.empty());
  }

  @JsonCreator
  static EmbedResponse fromJson(
      @JsonProperty("model") String model,
      @JsonProperty("embeddings") @JsonDeserialize(using = EmbeddingVectors.ListDeserializer.class)
          List<float[]> embeddings,
      @JsonProperty("total_duration") Long totalDuration,
      @JsonProperty("load_duration") Long loadDuration,
      @JsonProperty("prompt_eval_count") Integer promptEvalCount) {
    return new EmbedResponse(
        model,
        embeddings,
        totalDuration == null && loadDuration == null && promptEvalCount == null
            ? Optional.empty()
            : Optional.of(
                new Metrics(
                    Json.nanos(totalDuration),
                    Json.nanos(loadDuration),
                    promptEvalCount == null ? 0 : promptEvalCount,
                    Duration.ZERO,
                    0,
                    Duration.ZERO)));
  }

  /**
   * The only vector, for a request with one input.
   *
   * @throws IllegalStateException when the response holds no vector or several (then use {@link
   *     #embeddings()}, which keeps the order of the inputs)
   */
  public float[] embedding() {
    if (embeddings.size() != 1) {
      throw new IllegalStateException(
          "embedding() needs exactly one vector, but the response has "
              + embeddings.size()
              + "; use embeddings(), which holds one vector per input in input order");
    }
    return embeddings.get(0);
  }

  /** Equal when every vector holds the same numbers, not when the arrays are the same objects. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof EmbedResponse that)) {
      return false;
    }
    if (embeddings.size() != that.embeddings.size()) {
      return false;
    }
    for (int i = 0; i < embeddings.size(); i++) {
      if (!Arrays.equals(embeddings.get(i), that.embeddings.get(i))) {
        return false;
      }
    }
    return model.equals(that.model) && metrics.equals(that.metrics);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hash(model, metrics);
    for (float[] vector : embeddings) {
      hash = 31 * hash + Arrays.hashCode(vector);
    }
    return hash;
  }

  /** Shows the shape of the vectors, never their thousands of numbers. */
  @Override
  public String toString() {
    return "EmbedResponse[model="
        + model
        + ", embeddings="
        + shape(embeddings)
        + ", metrics="
        + metrics
        + "]";
  }

  /** {@code 2 vectors x 384 dimensions}, or each length when they differ. */
  static String shape(List<float[]> vectors) {
    if (vectors.isEmpty()) {
      return "0 vectors";
    }
    int first = vectors.get(0).length;
    boolean same = vectors.stream().allMatch(v -> v.length == first);
    String count = vectors.size() == 1 ? "1 vector" : vectors.size() + " vectors";
    if (same) {
      return count + " x " + first + " dimensions";
    }
    StringBuilder lengths = new StringBuilder(count).append(" of dimensions [");
    for (int i = 0; i < vectors.size(); i++) {
      lengths.append(i == 0 ? "" : ", ").append(vectors.get(i).length);
    }
    return lengths.append(']').toString();
  }
}
