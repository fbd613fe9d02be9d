package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.ollamaclient.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code POST /api/show} tells about a model: its Modelfile, template, parameters, details,
 * capabilities and the free-form metadata of its file.
 *
 * <pre>{@code
 * ShowResponse info = client.show("llama3.2");
 * if (info.capabilities().contains("tools")) { ... }
 * long window = info.contextLength().orElse(2048);
 * }</pre>
 *
 * @param modelfile the Modelfile that would recreate the model; empty when not sent
 * @param parameters the model's parameters as Modelfile lines, such as {@code "temperature
 *     0.7\nnum_ctx 2048"}; empty when none
 * @param template the prompt template; empty when not sent
 * @param system the system prompt built into the model, if any
 * @param license the licence text, if any
 * @param details format, family, parameter size and quantization
 * @param modelInfo the file's metadata as sent ({@code general.architecture}, {@code
 *     <arch>.context_length}, tokenizer keys...): a JSON object, empty when not sent. Large
 *     tokenizer arrays are {@code null} unless the request was verbose. Treat it as read-only.
 * @param capabilities what the model can do, such as {@code completion}, {@code tools}, {@code
 *     vision}, {@code thinking}, {@code embedding}
 * @param modifiedAt when the model was last pulled or created, if sent
 */
public record ShowResponse(
    String modelfile,
    String parameters,
    String template,
    Optional<String> system,
    Optional<String> license,
    ModelDetails details,
    JsonNode modelInfo,
    List<String> capabilities,
    Optional<Instant> modifiedAt) {

  /** Normalises absent values: empty strings, lists and object; empty optionals. */
  public ShowResponse {
    modelfile = modelfile == null ? "" : modelfile;
    parameters = parameters == null ? "" : parameters;
    template = template == null ? "" : template;
    system = Objects.requireNonNullElse(system, Optional.empty());
    license = Objects.requireNonNullElse(license, Optional.empty());
    details = ModelDetails.orEmpty(details);
    modelInfo =
        modelInfo == null || !modelInfo.isObject()
            ? JsonNodeFactory.instance.objectNode()
            : modelInfo;
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    modifiedAt = Objects.requireNonNullElse(modifiedAt, Optional.empty());
  }

  @JsonCreator
  static ShowResponse fromJson(
      @JsonProperty("modelfile") String modelfile,
      @JsonProperty("parameters") String parameters,
      @JsonProperty("template") String template,
      @JsonProperty("system") String system,
      @JsonProperty("license") String license,
      @JsonProperty("details") ModelDetails details,
      @JsonProperty("model_info") JsonNode modelInfo,
      @JsonProperty("capabilities") List<String> capabilities,
      @JsonProperty("modified_at") String modifiedAt) {
    return new ShowResponse(
        modelfile,
        parameters,
        template,
        nonEmpty(system),
        nonEmpty(license),
        details,
        modelInfo,
        capabilities,
        nonEmpty(modifiedAt).map(Json::instant));
  }

  private static Optional<String> nonEmpty(String text) {
    return Optional.ofNullable(text).filter(value -> !value.isEmpty());
  }

  /**
   * The model's architecture, {@code general.architecture} in {@link #modelInfo()}, such as {@code
   * llama}; empty when not sent.
   */
  public Optional<String> architecture() {
    JsonNode architecture = modelInfo.get("general.architecture");
    return architecture != null && architecture.isTextual() && !architecture.asText().isEmpty()
        ? Optional.of(architecture.asText())
        : Optional.empty();
  }

  /**
   * The longest context the model was trained for, in tokens: {@code <arch>.context_length} in
   * {@link #modelInfo()}, where {@code <arch>} is {@link #architecture()}. Empty when either is
   * missing. The context a request actually gets is {@code num_ctx}, often smaller.
   */
  public OptionalLong contextLength() {
    return architecture()
        .map(arch -> modelInfo.get(arch + ".context_length"))
        .filter(value -> value.isIntegralNumber() && value.canConvertToLong())
        .map(value -> OptionalLong.of(value.asLong()))
        .orElse(OptionalLong.empty());
  }
}
