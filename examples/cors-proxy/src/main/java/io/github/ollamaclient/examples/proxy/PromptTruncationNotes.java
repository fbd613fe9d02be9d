package io.github.ollamaclient.examples.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.observe.PromptTruncation;
import io.github.ollamaclient.observe.TruncationCheck;
import io.github.ollamaclient.spring.OllamaClientBuilderCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells the page when Ollama likely cut its prompt to fit the context window: the answer (the last
 * line of a stream) gets {@code "prompt_truncated": {"prompt_eval_count": N, "context_length": M}}.
 * The SDK reports a truncation on the thread that read the answer's end, which is the thread that
 * writes it to the page, so a thread-local carries it from one to the other.
 *
 * <p>With {@code app.prompt-truncation-lookup=true} (the default) it also switches the client to
 * {@link TruncationCheck#LOOKUP}: the proxy asks {@code /api/ps} for a model's context length once
 * per model and five minutes, so that pages that never set {@code num_ctx} are told too; with
 * {@code false}, only a request's own {@code num_ctx} counts.
 */
@Component
final class PromptTruncationNotes implements OllamaListener, OllamaClientBuilderCustomizer {
  private final ThreadLocal<PromptTruncation> last = new ThreadLocal<>();
  private final boolean lookup;

  PromptTruncationNotes(@Value("${app.prompt-truncation-lookup:true}") boolean lookup) {
    this.lookup = lookup;
  }

  @Override
  public void customize(OllamaClient.Builder builder) {
    builder.truncationCheck(lookup ? TruncationCheck.LOOKUP : TruncationCheck.KNOWN_LENGTHS);
  }

  @Override
  public void onCallFinished(CallEvent event) {}

  @Override
  public void onPromptTruncated(PromptTruncation truncation) {
    last.set(truncation);
  }

  /** Forgets what an earlier request on this thread left, before a call to Ollama. */
  void clear() {
    last.remove();
  }

  /** {@code line}, with {@code prompt_truncated} when this thread's call was reported truncated. */
  ObjectNode mark(ObjectNode line) {
    PromptTruncation truncation = last.get();
    if (truncation != null) {
      last.remove();
      line.putObject("prompt_truncated")
          .put("prompt_eval_count", truncation.promptEvalCount())
          .put("context_length", truncation.contextLength());
    }
    return line;
  }
}
