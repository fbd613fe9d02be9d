package io.github.ollamaclient.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The log probability of one generated token, with the most likely alternatives at its position
 * when {@code top_logprobs} was asked for.
 *
 * @param token the token's text
 * @param logprob its log probability
 * @param bytes the token's raw bytes (a token may be part of a UTF-8 character)
 * @param topLogprobs the most likely tokens at this position, empty unless requested
 */
public record Logprob(
    String token, double logprob, List<Integer> bytes, List<TokenLogprob> topLogprobs) {

  /** Keeps the lists unmodifiable and never null. */
  public Logprob {
    token = token == null ? "" : token;
    bytes = bytes == null ? List.of() : List.copyOf(bytes);
    topLogprobs = topLogprobs == null ? List.of() : List.copyOf(topLogprobs);
  }

  @JsonCreator
  static Logprob fromJson(
      @JsonProperty("token") String token,
      @JsonProperty("logprob") double logprob,
      @JsonProperty("bytes") List<Integer> bytes,
      @JsonProperty("top_logprobs") List<TokenLogprob> topLogprobs) {
    return new Logprob(token, logprob, bytes, topLogprobs);
  }

  /**
   * One alternative token at a position.
   *
   * @param token the token's text
   * @param logprob its log probability
   * @param bytes the token's raw bytes
   */
  public record TokenLogprob(String token, double logprob, List<Integer> bytes) {
    /** Keeps the list unmodifiable and never null. */
    public TokenLogprob {
      token = token == null ? "" : token;
      bytes = bytes == null ? List.of() : List.copyOf(bytes);
    }

    @JsonCreator
    static TokenLogprob fromJson(
        @JsonProperty("token") String token,
        @JsonProperty("logprob") double logprob,
        @JsonProperty("bytes") List<Integer> bytes) {
      return new TokenLogprob(token, logprob, bytes);
    }
  }
}
