package io.github.ollamaclient.observe;

import java.util.Objects;

/**
 * A chat or generate call whose prompt filled the model's whole context window, as {@link
 * OllamaListener#onPromptTruncated} hears of it: Ollama then cut the prompt to fit, silently
 * (dropping the oldest messages, or the start of the prompt), so the model answered without part of
 * what was sent.
 *
 * <p>The sign is {@code prompt_eval_count} reaching the context length the model runs with. It is a
 * strong sign, not proof: a prompt of exactly that many tokens looks the same.
 *
 * @param operation {@code chat} or {@code generate}
 * @param model the model the request named
 * @param promptEvalCount the prompt tokens the server evaluated ({@code prompt_eval_count})
 * @param contextLength the context window, in tokens: the request's {@code num_ctx}, else the
 *     {@code context_length} that {@code /api/ps} gives for the loaded model
 */
public record PromptTruncation(
    String operation, String model, int promptEvalCount, int contextLength) {

  /** Checks that nothing is null and the counts are positive. */
  public PromptTruncation {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(model, "model");
    if (promptEvalCount <= 0 || contextLength <= 0) {
      throw new IllegalArgumentException(
          "promptEvalCount and contextLength must be positive, were "
              + promptEvalCount
              + " and "
              + contextLength);
    }
  }
}
