package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.inference.RemoteModel;
import io.github.ollamaclient.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code POST /api/show} tells about a model: its Modelfile, template, parameters, details,
 * capabilities and the free-form metadata of its file.
 *
 * <pre>{@code
 * ShowResponse info = client.show("llama3.2");
 * if (info.capabilities().contains("tools")) { ... }
 * int window = info.contextLength().orElse(2048);
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
 * @param modifiedAt when the model was last pulled or created; {@link Instant#EPOCH} when not sent
 * @param renderer the renderer that builds the model's prompts ({@code renderer}), if any
 * @param parser the parser that reads the model's output ({@code parser}), if any
 * @param messages the messages built into the model, put before every conversation; empty when none
 * @param remote for a model served by another Ollama host (a cloud model), its name and host there
 * @param projectorInfo the metadata of a vision model's projector file: a JSON object, empty when
 *     the model has none. Treat it as read-only.
 * @param tensors the tensors of the model's file; empty unless the request was verbose
 * @param requires the lowest Ollama version that can run the model ({@code requires}), if set
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
    Instant modifiedAt,
    Optional<String> renderer,
    Optional<String> parser,
    List<Message> messages,
    Optional<RemoteModel> remote,
    JsonNode projectorInfo,
    List<Tensor> tensors,
    Optional<String> requires) {

  /** Normalises absent values: empty strings, lists and object; empty optionals. */
  public ShowResponse {
    modelfile = modelfile == null ? "" : modelfile;
    parameters = parameters == null ? "" : parameters;
    template = template == null ? "" : template;
    system = Objects.requireNonNullElse(system, Optional.empty());
    license = Objects.requireNonNullElse(license, Optional.empty());
    details = ModelDetails.orEmpty(details);
    modelInfo = objectOrEmpty(modelInfo);
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    modifiedAt = modifiedAt == null ? Instant.EPOCH : modifiedAt;
    renderer = Objects.requireNonNullElse(renderer, Optional.empty());
    parser = Objects.requireNonNullElse(parser, Optional.empty());
    messages = messages == null ? List.of() : List.copyOf(messages);
    remote = Objects.requireNonNullElse(remote, Optional.empty());
    projectorInfo = objectOrEmpty(projectorInfo);
    tensors = tensors == null ? List.of() : List.copyOf(tensors);
    requires = Objects.requireNonNullElse(requires, Optional.empty());
  }

  private static JsonNode objectOrEmpty(JsonNode node) {
    return node == null || !node.isObject() ? JsonNodeFactory.instance.objectNode() : node;
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
      @JsonProperty("modified_at") String modifiedAt,
      @JsonProperty("renderer") String renderer,
      @JsonProperty("parser") String parser,
      @JsonProperty("messages") List<Message> messages,
      @JsonProperty("remote_model") String remoteModel,
      @JsonProperty("remote_host") String remoteHost,
      @JsonProperty("projector_info") JsonNode projectorInfo,
      @JsonProperty("tensors") List<Tensor> tensors,
      @JsonProperty("requires") String requires) {
    return new ShowResponse(
        modelfile,
        parameters,
        template,
        nonEmpty(system),
        nonEmpty(license),
        details,
        modelInfo,
        capabilities,
        Json.instant(modifiedAt),
        nonEmpty(renderer),
        nonEmpty(parser),
        messages,
        RemoteModel.of(remoteModel, remoteHost),
        projectorInfo,
        tensors,
        nonEmpty(requires));
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
   * The longest context the model was trained for, in tokens: {@code details.context_length} when
   * the server sent it (Ollama 0.33 and later), else {@code <arch>.context_length} in {@link
   * #modelInfo()}, where {@code <arch>} is {@link #architecture()}. Empty when neither is there.
   * The context a request actually gets is {@code num_ctx}, often smaller.
   */
  public OptionalInt contextLength() {
    if (details.contextLength().isPresent()) {
      return details.contextLength();
    }
    return architecture()
        .map(arch -> modelInfo.get(arch + ".context_length"))
        .filter(value -> value.isIntegralNumber() && value.canConvertToInt() && value.asInt() > 0)
        .map(value -> OptionalInt.of(value.asInt()))
        .orElse(OptionalInt.empty());
  }
}
