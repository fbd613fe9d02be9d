package io.github.ollamaclient.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.inference.Metrics;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fields that chat and generate answers share ({@code model}, {@code created_at}, {@code done},
 * {@code done_reason}, {@code logprobs} and the six statistics), gathered while a hand-written
 * deserializer walks an answer's fields; a later field of the same name wins, as before.
 */
public final class AnswerFields {
  private static final Optional<String> NO_TEXT = Optional.empty();

  private String model;
  private Instant createdAt = Instant.EPOCH;
  private boolean done;
  private String doneReason;
  private List<Logprob> logprobs;
  private Long totalDuration;
  private Long loadDuration;
  private Integer promptEvalCount;
  private Long promptEvalDuration;
  private Integer evalCount;
  private Long evalDuration;

  /**
   * Reads the current field's value when {@code name} is one of the shared fields.
   *
   * @return whether it was one; when not, the caller deals with the value
   */
  public boolean read(String name, JsonParser parser, DeserializationContext context)
      throws IOException {
    switch (name) {
      case "model":
        model = Tokens.string(parser, context);
        return true;
      case "created_at":
        createdAt = Tokens.instant(parser, context);
        return true;
      case "done":
        done = Tokens.bool(parser, context);
        return true;
      case "done_reason":
        doneReason = Tokens.string(parser, context);
        return true;
      case "logprobs":
        logprobs = Tokens.list(parser, context, Logprob.class);
        return true;
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

  /** The model's name; null when absent. */
  public String model() {
    return model;
  }

  /** When the answer was made; the epoch when absent. */
  public Instant createdAt() {
    return createdAt;
  }

  /** Whether this is the last chunk; false when absent. */
  public boolean done() {
    return done;
  }

  /** Why the answer ended; empty when absent or blank. */
  public Optional<String> doneReason() {
    return doneReason == null || doneReason.isEmpty() ? NO_TEXT : Optional.of(doneReason);
  }

  /** The log probabilities; null when absent. */
  public List<Logprob> logprobs() {
    return logprobs;
  }

  /** The statistics, as {@link Json#metrics} decides: on a final chunk or when any was sent. */
  public Optional<Metrics> metrics() {
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
