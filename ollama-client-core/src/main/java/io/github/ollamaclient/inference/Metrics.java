package io.github.ollamaclient.inference;

import java.time.Duration;

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

  /** Output tokens per second; 0 when nothing was generated or no time was measured. */
  public double tokensPerSecond() {
    if (evalCount == 0 || evalDuration.isZero()) {
      return 0;
    }
    return evalCount / (evalDuration.toNanos() / 1e9);
  }
}
