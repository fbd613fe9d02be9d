package io.github.ollamaclient.cloud;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether the server's cloud features (cloud models, the web search relay, signing in) are turned
 * off. An administrator can turn them off for a server that must never send data to ollama.com;
 * then calls that need the cloud fail, and there is no point in offering them.
 *
 * @param disabled {@code true} when cloud features are off; {@code false} when not sent
 * @param source what turned them off, or what the setting came from, as the server words it (such
 *     as an environment variable or its configuration file); empty when not sent
 */
public record CloudStatus(boolean disabled, String source) {

  /** Cloud features on, from no particular source: what an answer without the object means. */
  public static final CloudStatus ENABLED = new CloudStatus(false, "");

  /** Normalises an absent source to an empty string. */
  public CloudStatus {
    source = source == null ? "" : source;
  }

  @JsonCreator
  static CloudStatus fromJson(
      @JsonProperty("disabled") Boolean disabled, @JsonProperty("source") String source) {
    return new CloudStatus(Boolean.TRUE.equals(disabled), source);
  }
}
