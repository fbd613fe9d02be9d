package io.github.ollamaclient.chat;

import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.inference.Logprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Joins the chunks of a streamed chat into one {@link ChatResponse}, as {@link
 * io.github.ollamaclient.stream.ResponseStream#aggregate()} and the future of {@code chatAsync} do.
 * Useful when chunks travel elsewhere first, such as to a browser, and the whole message is still
 * needed for the history.
 *
 * <pre>{@code
 * ChatAggregator whole = new ChatAggregator();
 * client.chatAsync(request, chunk -> { send(chunk); whole.add(chunk); });
 * }</pre>
 *
 * <p>The result joins the content and thinking of every chunk, gathers their tool calls, images and
 * log probabilities in order (tool calls keep their id and index), takes the role from the first
 * chunk, and the model, time, {@code done}, done reason and statistics from the last. Not
 * thread-safe: add chunks from one thread at a time, in stream order.
 */
public final class ChatAggregator {
  private final StringBuilder content = new StringBuilder();
  private final StringBuilder thinking = new StringBuilder();
  private final List<Image> images = new ArrayList<>();
  private final List<ToolCall> toolCalls = new ArrayList<>();
  private final List<Logprob> logprobs = new ArrayList<>();
  private boolean anyThinking;
  private Role role;
  private String toolName;
  private ChatResponse last;

  /** An aggregator with no chunk yet. */
  public ChatAggregator() {}

  /** Takes the next chunk, in stream order. */
  public void add(ChatResponse chunk) {
    Message message = chunk.message();
    if (role == null) {
      role = message.role();
    }
    content.append(message.content());
    message
        .thinking()
        .ifPresent(
            text -> {
              anyThinking = true;
              thinking.append(text);
            });
    images.addAll(message.images());
    toolCalls.addAll(message.toolCalls());
    message.toolName().ifPresent(name -> toolName = name);
    logprobs.addAll(chunk.logprobs());
    last = chunk;
  }

  /**
   * The whole answer from the chunks added so far.
   *
   * @throws IllegalStateException when no chunk was added
   */
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
            Optional.ofNullable(toolName));
    return new ChatResponse(
        last.model(),
        last.createdAt(),
        message,
        last.done(),
        last.doneReason(),
        last.metrics(),
        logprobs);
  }
}
