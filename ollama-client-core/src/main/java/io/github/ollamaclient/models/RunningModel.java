package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.json.Json;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A model loaded in memory, as {@code GET /api/ps} lists it.
 *
 * @param name the model's name, such as {@code mistral:latest}
 * @param model the model's name again (Ollama sends both)
 * @param size the memory the loaded model takes, in bytes
 * @param sizeVram how much of {@code size} is in GPU memory, in bytes; 0 when it runs on the CPU
 * @param digest the SHA-256 of the manifest, as hex
 * @param details format, family, parameter size and quantization
 * @param expiresAt when the server will unload it unless it is used again; {@link Instant#EPOCH}
 *     when not sent
 * @param contextLength the context window it was loaded with, in tokens; empty from older servers
 */
public record RunningModel(
    String name,
    String model,
    long size,
    long sizeVram,
    String digest,
    ModelDetails details,
    Instant expiresAt,
    OptionalInt contextLength) {

  /**
   * Normalises absent values: {@code null} strings to empty, details to {@link ModelDetails#EMPTY}.
   */
  public RunningModel {
    name = name == null ? "" : name;
    model = model == null ? "" : model;
    digest = digest == null ? "" : digest;
    details = ModelDetails.orEmpty(details);
    expiresAt = expiresAt == null ? Instant.EPOCH : expiresAt;
    contextLength = Objects.requireNonNullElse(contextLength, OptionalInt.empty());
  }

  @JsonCreator
  static RunningModel fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("model") String model,
      @JsonProperty("size") Long size,
      @JsonProperty("size_vram") Long sizeVram,
      @JsonProperty("digest") String digest,
      @JsonProperty("details") ModelDetails details,
      @JsonProperty("expires_at") String expiresAt,
      @JsonProperty("context_length") Integer contextLength) {
    return new RunningModel(
        name,
        model,
        size == null ? 0 : size,
        sizeVram == null ? 0 : sizeVram,
        digest,
        details,
        Json.instant(expiresAt),
        contextLength == null ? OptionalInt.empty() : OptionalInt.of(contextLength));
  }
}
