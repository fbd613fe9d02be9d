package io.github.ollamaclient.examples.proxy;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Options;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What one page may ask of the GPU: at most {@code app.max-num-predict} generated tokens and {@code
 * app.max-prompt-chars} characters of prompt per request. A request that asks more is refused with
 * a 400 naming the field and the limit; one that sets no {@code num_predict} gets the limit, since
 * Ollama's default is to generate until the model stops or the context is full.
 */
@Component
final class RequestLimits {
  private final int maxNumPredict;
  private final int maxPromptChars;

  RequestLimits(ProxyProperties properties) {
    this.maxNumPredict = properties.getMaxNumPredict();
    this.maxPromptChars = properties.getMaxPromptChars();
  }

  ChatRequest apply(ChatRequest request) {
    long chars = 0;
    for (Message message : request.messages()) {
      chars += message.content().length();
    }
    checkPrompt("messages' content", chars);
    Optional<Options> capped = capped(request.options());
    return capped.isEmpty() ? request : request.toBuilder().options(capped.get()).build();
  }

  GenerateRequest apply(GenerateRequest request) {
    checkPrompt("prompt", request.prompt().map(String::length).orElse(0));
    Optional<Options> capped = capped(request.options());
    return capped.isEmpty() ? request : request.toBuilder().options(capped.get()).build();
  }

  private void checkPrompt(String what, long chars) {
    if (chars > maxPromptChars) {
      throw ApiException.badRequest(
          what
              + " is "
              + chars
              + " characters, more than this proxy takes (app.max-prompt-chars "
              + maxPromptChars
              + ")");
    }
  }

  /** The options with num_predict capped; empty when they may go as they are. */
  private Optional<Options> capped(Optional<Options> options) {
    Optional<Object> asked = options.flatMap(set -> set.get("num_predict"));
    if (asked.isEmpty()) {
      Options.Builder builder = options.map(Options::toBuilder).orElseGet(Options::builder);
      return Optional.of(builder.numPredict(maxNumPredict).build());
    }
    Object value = asked.get();
    // -1 (until the model stops) and -2 (until the context is full) are no limit at all.
    if (!(value instanceof Number number)
        || number.longValue() < 0
        || number.longValue() > maxNumPredict) {
      throw ApiException.badRequest(
          "options.num_predict "
              + value
              + " is more than this proxy allows (app.max-num-predict "
              + maxNumPredict
              + "); ask for at most that many tokens");
    }
    return Optional.empty();
  }
}
