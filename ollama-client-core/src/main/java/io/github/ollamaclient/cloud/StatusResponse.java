package io.github.ollamaclient.cloud;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.OptionalInt;

/**
 * The answer of {@code GET /api/status}: the server's state as far as ollama.com is concerned, so
 * that an application can tell before it offers cloud models or web search whether the server will
 * serve them at all.
 *
 * @param cloud whether cloud features are turned off, and by what; all defaults when not sent
 * @param contextLength the context length the server gives a model whose request and Modelfile set
 *     no {@code num_ctx}, in tokens ({@code context_length}, an upcoming Ollama field: {@code
 *     OLLAMA_CONTEXT_LENGTH} when set, else the default the server worked out from its memory);
 *     empty when not sent, as from Ollama 0.33 and earlier
 */
public record StatusResponse(CloudStatus cloud, OptionalInt contextLength) {

  /**
   * Normalises an absent cloud status to {@link CloudStatus#ENABLED}, an absent length to empty.
   */
  public StatusResponse {
    cloud = cloud == null ? CloudStatus.ENABLED : cloud;
    contextLength = contextLength == null ? OptionalInt.empty() : contextLength;
  }

  @JsonCreator
  static StatusResponse fromJson(
      @JsonProperty("cloud") CloudStatus cloud,
      @JsonProperty("context_length") Integer contextLength) {
    // Go's omitempty leaves a 0 out; a 0 or less sent anyway means not known just the same.
    return new StatusResponse(
        cloud,
        contextLength == null || contextLength <= 0
            ? OptionalInt.empty()
            : OptionalInt.of(contextLength));
  }
}
