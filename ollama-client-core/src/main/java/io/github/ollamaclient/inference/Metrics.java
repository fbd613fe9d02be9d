package io.github.ollamaclient.inference;

import io.github.ollamaclient.json.Json;
import java.time.Duration;
import java.util.Optional;

/**
 * The statistics of a finished generation, from the final chunk (or the whole non-streamed answer).
 * Ollama sends nanoseconds; they are {@link Duration}s here.
 *
 * @param totalDuration the whole request, model load included
 * @param loadDuration loading the model
 * @param promptEvalCount input tokens evaluated
 * @param promptEvalDuration evaluating the prompt
 * @param evalCount output tokens generated
 * @param evalDuration generating the output
 */
public record Metrics(
    Duration totalDuration,
    Duration loadDuration,
    int promptEvalCount,
    Duration promptEvalDuration,
    int evalCount,
    Duration evalDuration) {

  /**
   * The statistics of an answer as Ollama sends them, nanoseconds and counts, each {@code null}
   * when not sent: present when the answer is done (the final chunk) or any of them was sent, empty
   * on the chunks in between.
   */
  public static Optional<Metrics> of(
      boolean done,
      Long totalDuration,
      Long loadDuration,
      Integer promptEvalCount,
      Long promptEvalDuration,
      Integer evalCount,
      Long evalDuration) {
    if (!done
        && totalDuration == null
        && loadDuration == null
        && promptEvalCount == null
        && promptEvalDuration == null
        && evalCount == null
        && evalDuration == null) {
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

  /** Output tokens per second; 0 when nothing was generated or no time was measured. */
  public double tokensPerSecond() {
    if (evalCount == 0 || evalDuration.isZero()) {
      return 0;
    }
    return evalCount / (evalDuration.toNanos() / 1e9);
  }
}
