package io.github.ollamaclient.observe;

import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.inference.Metrics;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished call, as an {@link OllamaListener} hears of it. All but {@code answer} are bounded
 * values, safe to turn into metric tags; {@code answer} holds the model's text, for opt-in span
 * attributes only.
 *
 * @param operation the client method's name: {@code chat}, {@code generate}, {@code embed}, {@code
 *     list}, {@code pull}, …
 * @param method the HTTP method
 * @param path the request path, such as {@code /api/chat}
 * @param model the model the request named, when it named one
 * @param streamed whether the answer was a stream
 * @param duration from sending the request to the end of the answer (or the failure)
 * @param outcome how it ended
 * @param error the failure, when {@code outcome} is {@link Outcome#ERROR}
 * @param metrics the generation statistics of chat and generate answers, when the server sent them
 * @param answer the answer of a successful chat, generate or embed call: a {@code ChatResponse},
 *     {@code GenerateResponse} or {@code EmbedResponse}; for a stream, the whole answer joined from
 *     its chunks, as {@code aggregate()} gives it (the text, and the final chunk's model, done
 *     reason and statistics). Empty for other calls and for calls that failed or were cancelled.
 */
public record CallEvent(
    String operation,
    String method,
    String path,
    Optional<String> model,
    boolean streamed,
    Duration duration,
    Outcome outcome,
    Optional<OllamaException> error,
    Optional<Metrics> metrics,
    Optional<Object> answer) {

  /** Checks that nothing is null. */
  public CallEvent {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(answer, "answer");
  }

  /** An event without an answer, as listeners heard before the answer was part of it. */
  public CallEvent(
      String operation,
      String method,
      String path,
      Optional<String> model,
      boolean streamed,
      Duration duration,
      Outcome outcome,
      Optional<OllamaException> error,
      Optional<Metrics> metrics) {
    this(
        operation,
        method,
        path,
        model,
        streamed,
        duration,
        outcome,
        error,
        metrics,
        Optional.empty());
  }

  /** How a call ended. */
  public enum Outcome {
    /** The whole answer arrived. */
    SUCCESS,
    /** The call failed; {@link CallEvent#error()} says how. */
    ERROR,
    /** The caller cancelled or closed it before the end. */
    CANCELLED
  }
}
