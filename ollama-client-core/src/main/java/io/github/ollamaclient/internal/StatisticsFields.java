package io.github.ollamaclient.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import io.github.ollamaclient.inference.Metrics;
import java.io.IOException;
import java.util.Optional;

/**
 * The six statistics fields that chat and generate answers share ({@code total_duration}, {@code
 * load_duration}, {@code prompt_eval_count}, {@code prompt_eval_duration}, {@code eval_count},
 * {@code eval_duration}), gathered while a hand-written deserializer walks an answer's fields.
 */
public final class StatisticsFields {
  private Long totalDuration;
  private Long loadDuration;
  private Integer promptEvalCount;
  private Long promptEvalDuration;
  private Integer evalCount;
  private Long evalDuration;

  /**
   * Reads the current field's value when {@code name} is one of the statistics.
   *
   * @return whether it was one; when not, the caller deals with the value
   */
  public boolean read(String name, JsonParser parser, DeserializationContext context)
      throws IOException {
    switch (name) {
      case "total_duration":
        totalDuration = Tokens.longValue(parser, context);
        return true;
      case "load_duration":
        loadDuration = Tokens.longValue(parser, context);
        return true;
      case "prompt_eval_count":
        promptEvalCount = Tokens.intValue(parser, context);
        return true;
      case "prompt_eval_duration":
        promptEvalDuration = Tokens.longValue(parser, context);
        return true;
      case "eval_count":
        evalCount = Tokens.intValue(parser, context);
        return true;
      case "eval_duration":
        evalDuration = Tokens.longValue(parser, context);
        return true;
      default:
        return false;
    }
  }

  /** The statistics, as {@link Json#metrics} decides: on a final chunk or when any was sent. */
  public Optional<Metrics> metrics(boolean done) {
    return Json.metrics(
        done,
        totalDuration,
        loadDuration,
        promptEvalCount,
        promptEvalDuration,
        evalCount,
        evalDuration);
  }
}
