package io.github.ollamaclient.observe;

/**
 * How the client watches for prompts that filled the context window ({@link PromptTruncation}), set
 * with {@code OllamaClient.Builder.truncationCheck}. Either way, a detected truncation goes to
 * {@link OllamaListener#onPromptTruncated} and is logged at WARN once per model.
 */
public enum TruncationCheck {
  /** No check. */
  OFF,

  /**
   * The default: checks against the context lengths the client knows without asking, never adding a
   * call: the request's {@code num_ctx} option, and the {@code context_length} of the models in the
   * answers to {@code ps()} the application made (kept five minutes, for up to 256 models). Without
   * a listener, and when it knows no length for a call's model, a call costs nothing more.
   */
  KNOWN_LENGTHS,

  /**
   * As {@link #KNOWN_LENGTHS}, and when the client knows no length for a model, it asks {@code GET
   * /api/ps} once, at the end of a chat or generate call whose {@code prompt_eval_count} is at
   * least 1,024 tokens (Ollama loads no model with less context unless a {@code num_ctx} says so),
   * on the thread that finishes the call (so a plain call returns that much later), then keeps the
   * lengths, or the miss, five minutes. At most one extra call per model per five minutes.
   */
  LOOKUP
}
