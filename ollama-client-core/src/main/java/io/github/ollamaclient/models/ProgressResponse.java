package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One progress line of {@code pull}, {@code push} or {@code create}: {@code pulling manifest},
 * {@code pulling <digest>} with byte counts while a layer transfers, {@code verifying sha256
 * digest}, {@code writing manifest}, and finally {@code success}.
 *
 * @param status what the server is doing, such as {@code pulling manifest}; {@code success} on the
 *     last line
 * @param digest the layer being transferred, when the line is about one
 * @param total the layer's size in bytes, while it transfers
 * @param completed the bytes of the layer transferred so far
 */
public record ProgressResponse(
    String status, Optional<String> digest, OptionalLong total, OptionalLong completed) {

  /** The status of the last line of a successful pull, push or create. */
  public static final String SUCCESS = "success";

  /** Normalises absent values: empty status and optionals. */
  public ProgressResponse {
    status = status == null ? "" : status;
    digest = Objects.requireNonNullElse(digest, Optional.empty());
    total = Objects.requireNonNullElse(total, OptionalLong.empty());
    completed = Objects.requireNonNullElse(completed, OptionalLong.empty());
  }

  @JsonCreator
  static ProgressResponse fromJson(
      @JsonProperty("status") String status,
      @JsonProperty("digest") String digest,
      @JsonProperty("total") Long total,
      @JsonProperty("completed") Long completed) {
    return new ProgressResponse(
        status,
        Optional.ofNullable(digest).filter(text -> !text.isEmpty()),
        total == null ? OptionalLong.empty() : OptionalLong.of(total),
        completed == null ? OptionalLong.empty() : OptionalLong.of(completed));
  }

  /** Whether this is the last line of a successful operation ({@code status: success}). */
  public boolean isSuccess() {
    return SUCCESS.equals(status);
  }

  /**
   * How far the current layer is, from 0.0 to 1.0: {@code completed / total}. Empty when the line
   * carries no byte counts (or a total of 0); a line with a total but no bytes yet is 0.0.
   */
  public OptionalDouble fraction() {
    if (total.isEmpty() || total.getAsLong() <= 0) {
      return OptionalDouble.empty();
    }
    long done = completed.orElse(0);
    return OptionalDouble.of(Math.min(1.0, (double) done / total.getAsLong()));
  }
}
