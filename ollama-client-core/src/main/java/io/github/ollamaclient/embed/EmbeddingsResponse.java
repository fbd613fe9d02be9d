package io.github.ollamaclient.embed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Arrays;

/**
 * The answer of the legacy {@code POST /api/embeddings}: one vector, not normalised (unlike {@link
 * EmbedResponse}'s).
 *
 * @param embedding the vector; empty when absent. The array is the response's own: treat it as
 *     read-only
 */
public record EmbeddingsResponse(float[] embedding) {
  private static final float[] NONE = new float[0];

  /** Normalises an absent vector to an empty one. */
  public EmbeddingsResponse {
    embedding = embedding == null ? NONE : embedding;
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  static EmbeddingsResponse fromJson(
      @JsonProperty("embedding") @JsonDeserialize(using = EmbeddingVectors.VectorDeserializer.class)
          float[] embedding) {
    return new EmbeddingsResponse(embedding);
  }

  /** Equal when the vectors hold the same numbers. */
  @Override
  public boolean equals(Object other) {
    return other instanceof EmbeddingsResponse that && Arrays.equals(embedding, that.embedding);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(embedding);
  }

  /** Shows the vector's size, never its numbers. */
  @Override
  public String toString() {
    return "EmbeddingsResponse[embedding=" + embedding.length + " dimensions]";
  }
}
