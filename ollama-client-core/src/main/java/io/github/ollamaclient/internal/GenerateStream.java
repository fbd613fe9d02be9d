package io.github.ollamaclient.internal;

import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.internal.wire.GenerateWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How {@code POST /api/generate} streams: chunks end with {@code done: true}. */
public final class GenerateStream {
  private static final StreamSpec<GenerateResponse> SPEC =
      StreamSpec.of(GenerateResponse.class, GenerateResponse::done, Accumulator::new, "done: true")
          .withLineDecoder(GenerateWire::fastPath);

  private GenerateStream() {}

  /** The stream spec of {@code /api/generate}. */
  public static StreamSpec<GenerateResponse> spec() {
    return SPEC;
  }

  /**
   * Joins the text, thinking, log probabilities and tool calls of every chunk; the model,
   * timestamp, done reason, metrics, context and remote model come from the final chunk, which is
   * where the server puts them.
   */
  static final class Accumulator implements StreamSpec.Accumulator<GenerateResponse> {
    private final StringBuilder response = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private boolean thought;
    private final List<Logprob> logprobs = new ArrayList<>();
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private GenerateResponse last;

    @Override
    public void add(GenerateResponse chunk) {
      response.append(chunk.response());
      if (chunk.thinking().isPresent()) {
        thought = true;
        thinking.append(chunk.thinking().get());
      }
      // addAll copies even an empty list into a new array, and most chunks have none.
      if (!chunk.logprobs().isEmpty()) {
        logprobs.addAll(chunk.logprobs());
      }
      if (!chunk.toolCalls().isEmpty()) {
        toolCalls.addAll(chunk.toolCalls());
      }
      last = chunk;
    }

    @Override
    public GenerateResponse result() {
      if (last == null) {
        throw new IllegalStateException("no chunk was received");
      }
      return new GenerateResponse(
          last.model(),
          last.createdAt(),
          response.toString(),
          thought ? Optional.of(thinking.toString()) : Optional.empty(),
          last.done(),
          last.doneReason(),
          last.metrics(),
          last.context(),
          logprobs,
          toolCalls,
          last.remote());
    }
  }
}
