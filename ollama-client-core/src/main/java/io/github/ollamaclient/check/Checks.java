package io.github.ollamaclient.check;

import java.util.Objects;

/** The request checks several builders share, so each rule has one wording everywhere. */
public final class Checks {
  private Checks() {}

  /**
   * A required text such as a model name.
   *
   * @throws NullPointerException naming {@code field} when {@code null}
   * @throws IllegalArgumentException naming {@code field} when blank
   */
  public static String requireText(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  /**
   * {@code top_logprobs} is a count and means nothing without {@code logprobs: true}: the server
   * returns alternatives only alongside the log probabilities.
   *
   * @throws IllegalArgumentException naming both fields
   */
  public static void checkTopLogprobs(Integer topLogprobs, Boolean logprobs) {
    if (topLogprobs == null) {
      return;
    }
    if (topLogprobs < 0) {
      throw new IllegalArgumentException("topLogprobs must be >= 0, was " + topLogprobs);
    }
    if (!Boolean.TRUE.equals(logprobs)) {
      throw new IllegalArgumentException(
          "topLogprobs needs logprobs(true): the server returns alternatives only alongside the"
              + " log probabilities");
    }
  }
}
