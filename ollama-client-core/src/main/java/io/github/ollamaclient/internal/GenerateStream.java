package io.github.ollamaclient.internal;

import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.Logprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@code POST /api/generate} streams: chunks end with {@code done: true}, or with the one
 * object answering {@code _debug_render_only}.
 */
public final class GenerateStream {
  private static final StreamSpec<GenerateResponse> SPEC =
      StreamSpec.of(
          GenerateResponse.class,
          // Ollama answers _debug_render_only with one object, done: false and the prompt in
          // _debug_info: that object is the whole answer, not the start of a cut one.
          chunk -> chunk.done() || chunk.debugInfo().isPresent(),
          Accumulator::new,
          "done: true");

  private GenerateStream() {}

  /** The stream spec of {@code /api/generate}. */
  public static StreamSpec<GenerateResponse> spec() {
    return SPEC;
  }

  /**
   * Joins the text, thinking, log probabilities and tool calls of every chunk; the whole answer is
   * the final chunk with them, so every other field (the statistics, the context, any field Ollama
   * adds) is the final chunk's, where the server puts it.
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
      return last.withText(
              response.toString(), thought ? Optional.of(thinking.toString()) : Optional.empty())
          .withLogprobs(logprobs)
          .withToolCalls(toolCalls);
    }
  }
}
