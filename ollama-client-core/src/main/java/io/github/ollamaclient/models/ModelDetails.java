package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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
 */
public record ModelDetails(
    String format,
    String family,
    List<String> families,
    String parameterSize,
    String quantizationLevel,
    String parentModel) {

  /** Details with every field empty, for a response that carried none. */
  public static final ModelDetails EMPTY = new ModelDetails(null, null, null, null, null, null);

  /** Normalises absent values: {@code null} strings to empty, {@code null} lists to empty. */
  public ModelDetails {
    format = format == null ? "" : format;
    family = family == null ? "" : family;
    families = families == null ? List.of() : List.copyOf(families);
    parameterSize = parameterSize == null ? "" : parameterSize;
    quantizationLevel = quantizationLevel == null ? "" : quantizationLevel;
    parentModel = parentModel == null ? "" : parentModel;
  }

  @JsonCreator
  static ModelDetails fromJson(
      @JsonProperty("format") String format,
      @JsonProperty("family") String family,
      @JsonProperty("families") List<String> families,
      @JsonProperty("parameter_size") String parameterSize,
      @JsonProperty("quantization_level") String quantizationLevel,
      @JsonProperty("parent_model") String parentModel) {
    return new ModelDetails(
        format, family, families, parameterSize, quantizationLevel, parentModel);
  }

  /** {@code details} as sent, or {@link #EMPTY} when absent. */
  static ModelDetails orEmpty(ModelDetails details) {
    return details == null ? EMPTY : details;
  }
}
