package io.github.ollamaclient.internal.wire;

import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.RemoteModel;
import io.github.ollamaclient.internal.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fields that chat and generate answers share ({@code model}, {@code created_at}, {@code done},
 * {@code done_reason}, {@code logprobs} and the six statistics), gathered while an answer is read;
 * a later field of the same name wins.
 */
abstract class AnswerParts {
  private static final Optional<String> NO_TEXT = Optional.empty();

  /** The shared fields, for the tables of the answers that extend this. */
  static final List<Field<AnswerParts>> FIELDS =
      List.of(
          Field.repeatedString("model", (parts, value) -> parts.model = value),
          Field.instant("created_at", (parts, value) -> parts.createdAt = value),
          Field.bool("done", (parts, value) -> parts.done = value),
          Field.string("done_reason", (parts, value) -> parts.doneReason = value),
          Field.string("remote_model", (parts, value) -> parts.remoteModel = value),
          Field.string("remote_host", (parts, value) -> parts.remoteHost = value),
          Field.tokens(
              "logprobs",
              (parser, context, parts) ->
                  parts.logprobs = Tokens.list(parser, context, Logprob.class)),
          Field.tokens(
              "total_duration",
              (parser, context, parts) -> parts.totalDuration = Tokens.longValue(parser, context)),
          Field.tokens(
              "load_duration",
              (parser, context, parts) -> parts.loadDuration = Tokens.longValue(parser, context)),
          Field.tokens(
              "prompt_eval_count",
              (parser, context, parts) -> parts.promptEvalCount = Tokens.intValue(parser, context)),
          Field.tokens(
              "prompt_eval_duration",
              (parser, context, parts) ->
                  parts.promptEvalDuration = Tokens.longValue(parser, context)),
          Field.tokens(
              "eval_count",
              (parser, context, parts) -> parts.evalCount = Tokens.intValue(parser, context)),
          Field.tokens(
              "eval_duration",
              (parser, context, parts) -> parts.evalDuration = Tokens.longValue(parser, context)));

  private String model;
  private Instant createdAt = Instant.EPOCH;
  private boolean done;
  private String doneReason;
  private String remoteModel;
  private String remoteHost;
  private List<Logprob> logprobs;
  private Long totalDuration;
  private Long loadDuration;
  private Integer promptEvalCount;
  private Long promptEvalDuration;
  private Integer evalCount;
  private Long evalDuration;

  /** Forgets every field, for the next line of a stream. */
  void clear() {
    model = null;
    createdAt = Instant.EPOCH;
    done = false;
    doneReason = null;
    remoteModel = null;
    remoteHost = null;
    logprobs = null;
    totalDuration = null;
    loadDuration = null;
    promptEvalCount = null;
    promptEvalDuration = null;
    evalCount = null;
    evalDuration = null;
  }

  /** The model's name; null when absent. */
  String model() {
    return model;
  }

  /** When the answer was made; the epoch when absent. */
  Instant createdAt() {
    return createdAt;
  }

  /** Whether this is the last chunk; false when absent. */
  boolean done() {
    return done;
  }

  /** Why the answer ended; empty when absent or blank. */
  Optional<String> doneReason() {
    return doneReason == null || doneReason.isEmpty() ? NO_TEXT : Optional.of(doneReason);
  }

  /** The upstream model that answered; empty when neither of its fields was sent. */
  Optional<RemoteModel> remote() {
    return RemoteModel.of(remoteModel, remoteHost);
  }

  /** The log probabilities; null when absent. */
  List<Logprob> logprobs() {
    return logprobs;
  }

  /**
   * The statistics: present on the final chunk ({@code done: true}) or whenever the server sent any
   * of them, absent on the chunks in between.
   */
  Optional<Metrics> metrics() {
    boolean any =
        totalDuration != null
            || loadDuration != null
            || promptEvalCount != null
            || promptEvalDuration != null
            || evalCount != null
            || evalDuration != null;
    if (!done && !any) {
      return Optional.empty();
    }
    return Optional.of(
        new Metrics(
            Json.nanos(totalDuration),
            Json.nanos(loadDuration),
            promptEvalCount == null ? 0 : promptEvalCount,
            Json.nanos(promptEvalDuration),
            evalCount == null ? 0 : evalCount,
            Json.nanos(evalDuration)));
  }
}
