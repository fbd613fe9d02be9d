package io.github.ollamaclient.internal;

import io.github.ollamaclient.generate.GenerateResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * A generate stream's chunk per token, {@code "response": ...} beside the model, time and {@code
 * done: false}, read straight from its bytes (see {@link TokenLineDecoder}). Thinking, context, log
 * probabilities and any other field go the general way.
 */
public final class GenerateLineDecoder extends TokenLineDecoder<GenerateResponse> {
  private static final JsonBytes.Expected RESPONSE = JsonBytes.Expected.quoted("response");
  private static final Optional<String> NO_TEXT = Optional.empty();

  private String response;

  @Override
  void startLine() {
    response = null;
  }

  @Override
  boolean field(int first) {
    if (first != 'r' || !in.take(RESPONSE) || in.next() != ':') {
      return false;
    }
    response = string();
    return response != null;
  }

  @Override
  GenerateResponse chunk(String model, Instant createdAt) {
    return new GenerateResponse(
        model, createdAt, response, NO_TEXT, false, NO_TEXT, Optional.empty(), null, null);
  }
}
