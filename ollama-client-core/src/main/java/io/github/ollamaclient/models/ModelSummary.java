package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.inference.RemoteModel;
import io.github.ollamaclient.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One locally installed model, as {@code GET /api/tags} lists it.
 *
 * @param name the model's name, such as {@code llama3.2:latest}
 * @param model the model's name again (Ollama sends both)
 * @param modifiedAt when the model was last pulled or created; {@link Instant#EPOCH} when not sent
 * @param size the size on disk, in bytes
 * @param digest the SHA-256 of the manifest, as hex without the {@code sha256:} prefix
 * @param details format, family, parameter size and quantization
 * @param remote for a model served by another Ollama host (a cloud model), its name and host there
 *     ({@code remote_model}, {@code remote_host})
 * @param capabilities what the model can do, such as {@code completion}, {@code tools}, {@code
 *     vision}, {@code thinking}, {@code embedding}; empty when not sent (older servers)
 */
public record ModelSummary(
    String name,
    String model,
    Instant modifiedAt,
    long size,
    String digest,
    ModelDetails details,
    Optional<RemoteModel> remote,
    List<String> capabilities) {

  /**
   * Normalises absent values: {@code null} strings to empty, details to {@link ModelDetails#EMPTY}.
   */
  public ModelSummary {
    name = name == null ? "" : name;
    model = model == null ? "" : model;
    modifiedAt = modifiedAt == null ? Instant.EPOCH : modifiedAt;
    digest = digest == null ? "" : digest;
    details = ModelDetails.orEmpty(details);
    remote = Objects.requireNonNullElse(remote, Optional.empty());
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
  }

  @JsonCreator
  static ModelSummary fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("model") String model,
      @JsonProperty("modified_at") String modifiedAt,
      @JsonProperty("size") Long size,
      @JsonProperty("digest") String digest,
      @JsonProperty("details") ModelDetails details,
      @JsonProperty("remote_model") String remoteModel,
      @JsonProperty("remote_host") String remoteHost,
      @JsonProperty("capabilities") List<String> capabilities) {
    return new ModelSummary(
        name,
        model,
        Json.instant(modifiedAt),
        size == null ? 0 : size,
        digest,
        details,
        RemoteModel.of(remoteModel, remoteHost),
        capabilities);
  }
}
