package io.github.ollamaclient.internal;

import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Role;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.inference.Logprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@code POST /api/chat} streams: chunks end with {@code done: true}, or with the one object
 * answering {@code _debug_render_only}.
 */
public final class ChatStream {
  private static final StreamSpec<ChatResponse> SPEC =
      StreamSpec.of(
          ChatResponse.class,
          // Ollama answers _debug_render_only with one object, done: false and the prompt in
          // _debug_info: that object is the whole answer, not the start of a cut one.
          chunk -> chunk.done() || chunk.debugInfo().isPresent(),
          Accumulator::new,
          "done: true");

  private ChatStream() {}

  /** The stream spec of {@code /api/chat}. */
  public static StreamSpec<ChatResponse> spec() {
    return SPEC;
  }

  /**
   * Joins the content and thinking of every chunk, gathers their tool calls, images and log
   * probabilities in order (tool calls keep their id and index) and takes the role from the first
   * chunk; the whole answer is the final chunk with that message and those log probabilities, so
   * every other field (the statistics, the done reason, any field Ollama adds) is the final
   * chunk's, where the server puts it.
   */
  static final class Accumulator implements StreamSpec.Accumulator<ChatResponse> {
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final List<Image> images = new ArrayList<>();
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private final List<Logprob> logprobs = new ArrayList<>();
    private boolean anyThinking;
    private Role role;
    private String toolName;
    private String toolCallId;
    private ChatResponse last;

    @Override
    public void add(ChatResponse chunk) {
      Message message = chunk.message();
      if (role == null) {
        role = message.role();
      }
      content.append(message.content());
      // Tested before adding: a chunk per token mostly has none of these, and addAll copies even
      // an empty list into a new array.
      if (message.thinking().isPresent()) {
        anyThinking = true;
        thinking.append(message.thinking().get());
      }
      if (!message.images().isEmpty()) {
        images.addAll(message.images());
      }
      if (!message.toolCalls().isEmpty()) {
        toolCalls.addAll(message.toolCalls());
      }
      if (message.toolName().isPresent()) {
        toolName = message.toolName().get();
      }
      if (message.toolCallId().isPresent()) {
        toolCallId = message.toolCallId().get();
      }
      if (!chunk.logprobs().isEmpty()) {
        logprobs.addAll(chunk.logprobs());
      }
      last = chunk;
    }

    @Override
    public ChatResponse result() {
      if (last == null) {
        throw new IllegalStateException("no chat chunk was added");
      }
      Message message =
          new Message(
              role,
              content.toString(),
              anyThinking ? Optional.of(thinking.toString()) : Optional.empty(),
              images,
              toolCalls,
              Optional.ofNullable(toolName),
              Optional.ofNullable(toolCallId));
      return last.withMessage(message).withLogprobs(logprobs);
    }
  }
}
