package io.github.ollamaclient.cloud;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /api/status}: the server's state as far as ollama.com is concerned, so
 * that an application can tell before it offers cloud models or web search whether the server will
 * serve them at all.
 *
 * @param cloud whether cloud features are turned off, and by what; all defaults when not sent
 */
public record StatusResponse(CloudStatus cloud) {

  /** Normalises an absent cloud status to {@link CloudStatus#ENABLED}. */
  public StatusResponse {
    cloud = cloud == null ? CloudStatus.ENABLED : cloud;
  }

  @JsonCreator
  static StatusResponse fromJson(@JsonProperty("cloud") CloudStatus cloud) {
    return new StatusResponse(cloud);
  }
}
