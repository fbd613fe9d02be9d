package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One model Ollama suggests, as {@code GET /api/experimental/model-recommendations} lists it: the
 * list the server keeps from ollama.com (refreshed every few hours), or the one built into it when
 * it could not fetch one.
 *
 * @param model the model's name, such as {@code qwen3.5} or {@code glm-5.1:cloud}
 * @param description what it is good at; empty when not sent
 * @param contextLength the longest context it takes, in tokens ({@code context_length}); sent for
 *     cloud models, empty otherwise
 * @param maxOutputTokens the most tokens one answer may have ({@code max_output_tokens}); sent for
 *     cloud models, empty otherwise
 * @param vramBytes the GPU memory it needs to run locally, in bytes ({@code vram_bytes}); sent for
 *     local models, empty otherwise
 * @param requiredPlan the ollama.com plan it needs ({@code required_plan}), if any
 */
public record ModelRecommendation(
    String model,
    String description,
    OptionalInt contextLength,
    OptionalInt maxOutputTokens,
    OptionalLong vramBytes,
    Optional<String> requiredPlan) {

  /** Normalises absent values: {@code null} strings to empty, optionals to empty. */
  public ModelRecommendation {
    model = model == null ? "" : model;
    description = description == null ? "" : description;
    contextLength = Objects.requireNonNullElse(contextLength, OptionalInt.empty());
    maxOutputTokens = Objects.requireNonNullElse(maxOutputTokens, OptionalInt.empty());
    vramBytes = Objects.requireNonNullElse(vramBytes, OptionalLong.empty());
    requiredPlan = Objects.requireNonNullElse(requiredPlan, Optional.empty());
  }

  @JsonCreator
  static ModelRecommendation fromJson(
      @JsonProperty("model") String model,
      @JsonProperty("description") String description,
      @JsonProperty("context_length") Integer contextLength,
      @JsonProperty("max_output_tokens") Integer maxOutputTokens,
      @JsonProperty("vram_bytes") Long vramBytes,
      @JsonProperty("required_plan") String requiredPlan) {
    // Go's omitempty leaves zeros and empty strings out; sent anyway, they mean not known too.
    return new ModelRecommendation(
        model,
        description,
        ModelDetails.positive(contextLength),
        ModelDetails.positive(maxOutputTokens),
        vramBytes == null || vramBytes <= 0 ? OptionalLong.empty() : OptionalLong.of(vramBytes),
        Optional.ofNullable(requiredPlan).filter(plan -> !plan.isBlank()));
  }
}
