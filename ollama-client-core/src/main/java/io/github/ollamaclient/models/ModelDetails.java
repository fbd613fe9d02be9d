package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a model is made of ({@code details} in {@code /api/tags}, {@code /api/show} and {@code
 * /api/ps}). Every string is empty when the server did not send it.
 *
 * @param format the file format, such as {@code gguf}
 * @param family the main model family, such as {@code llama}
 * @param families every family the model belongs to; empty when not sent
 * @param parameterSize the parameter count label, such as {@code 7.6B}
 * @param quantizationLevel the quantization, such as {@code Q4_K_M}
 * @param parentModel the model this one was created from; empty for most models
 * @param contextLength the longest context the model was trained for, in tokens ({@code
 *     context_length}); empty when not sent
 * @param embeddingLength the size of its embedding vectors ({@code embedding_length}); empty when
 *     not sent
 * @param projectedContextLength the context length the model would get if loaded now, in tokens
 *     ({@code projected_context_length}, an upcoming Ollama field: the server's default or the
 *     model's {@code num_ctx}, capped at what it was trained for); empty when not sent, as from
 *     Ollama 0.33 and earlier
 */
public record ModelDetails(
    String format,
    String family,
    List<String> families,
    String parameterSize,
    String quantizationLevel,
    String parentModel,
    OptionalInt contextLength,
    OptionalInt embeddingLength,
    OptionalInt projectedContextLength) {

  /** Details with every field empty, for a response that carried none. */
  public static final ModelDetails EMPTY =
      new ModelDetails(null, null, null, null, null, null, null, null, null);

  /** Normalises absent values: {@code null} strings to empty, {@code null} lists to empty. */
  public ModelDetails {
    format = format == null ? "" : format;
    family = family == null ? "" : family;
    families = families == null ? List.of() : List.copyOf(families);
    parameterSize = parameterSize == null ? "" : parameterSize;
    quantizationLevel = quantizationLevel == null ? "" : quantizationLevel;
    parentModel = parentModel == null ? "" : parentModel;
    contextLength = contextLength == null ? OptionalInt.empty() : contextLength;
    embeddingLength = embeddingLength == null ? OptionalInt.empty() : embeddingLength;
    projectedContextLength =
        projectedContextLength == null ? OptionalInt.empty() : projectedContextLength;
  }

  @JsonCreator
  static ModelDetails fromJson(
      @JsonProperty("format") String format,
      @JsonProperty("family") String family,
      @JsonProperty("families") List<String> families,
      @JsonProperty("parameter_size") String parameterSize,
      @JsonProperty("quantization_level") String quantizationLevel,
      @JsonProperty("parent_model") String parentModel,
      @JsonProperty("context_length") Integer contextLength,
      @JsonProperty("embedding_length") Integer embeddingLength,
      @JsonProperty("projected_context_length") Integer projectedContextLength) {
    return new ModelDetails(
        format,
        family,
        families,
        parameterSize,
        quantizationLevel,
        parentModel,
        positive(contextLength),
        positive(embeddingLength),
        positive(projectedContextLength));
  }

  /** A length as Ollama sends it: absent or 0 (Go's omitempty) both mean not known. */
  static OptionalInt positive(Integer value) {
    return value == null || value <= 0 ? OptionalInt.empty() : OptionalInt.of(value);
  }

  /** {@code details} as sent, or {@link #EMPTY} when absent. */
  static ModelDetails orEmpty(ModelDetails details) {
    return details == null ? EMPTY : details;
  }
}
