package io.github.ollamaclient.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.ollamaclient.inference.HasMetrics;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.RemoteModel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An answer from {@code POST /api/chat}: the whole answer of {@code chat}, or one chunk of {@code
 * chatStream}.
 *
 * <pre>{@code
 * ChatResponse reply = client.chat(request);
 * System.out.println(reply.message().content());
 * reply.metrics().ifPresent(m -> System.out.printf("%.1f tokens/s%n", m.tokensPerSecond()));
 * }</pre>
 *
 * <p>A stream's chunks carry a piece of the message each and {@code done: false}; the last has
 * {@code done: true}, the done reason and the statistics. {@link
 * io.github.ollamaclient.stream.ResponseStream#aggregate()} joins them.
 *
 * <p>Read from JSON by the client, by {@link io.github.ollamaclient.OllamaJson#read(String,
 * Class)}, or by a mapper of your own with {@link io.github.ollamaclient.OllamaJson#module()}
 * registered; a mapper without it refuses this type rather than guess at its fields.
 *
 * @param model the model that answered
 * @param createdAt when the server made this answer or chunk; {@link Instant#EPOCH} if not sent
 * @param message the model's message, or its piece in a chunk; an empty assistant message when the
 *     server sent none
 * @param done whether this is the whole answer or the final chunk
 * @param doneReason why the answer ended: {@code stop}, {@code length}, {@code load}, {@code
 *     unload}; present on the final chunk
 * @param metrics durations and token counts; present on the final chunk
 * @param logprobs log probabilities of the answer's tokens, when asked for; empty otherwise
 * @param remote the model that really answered, when the server passed the request on to another
 *     host (a cloud model); empty otherwise
 */
public record ChatResponse(
    String model,
    Instant createdAt,
    Message message,
    boolean done,
    Optional<String> doneReason,
    Optional<Metrics> metrics,
    List<Logprob> logprobs,
    Optional<RemoteModel> remote)
    implements HasMetrics {

  /** Normalises absent values: empty text and lists, empty optionals, the epoch. */
  @JsonCreator(mode = JsonCreator.Mode.DISABLED)
  public ChatResponse {
    model = model == null ? "" : model;
    createdAt = createdAt == null ? Instant.EPOCH : createdAt;
    message = message == null ? Message.assistant("") : message;
    doneReason = doneReason == null ? Optional.empty() : doneReason;
    metrics = metrics == null ? Optional.empty() : metrics;
    logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    remote = remote == null ? Optional.empty() : remote;
  }

  /** An answer that a local model gave: every field but {@code remote}. */
  public ChatResponse(
      String model,
      Instant createdAt,
      Message message,
      boolean done,
      Optional<String> doneReason,
      Optional<Metrics> metrics,
      List<Logprob> logprobs) {
    this(model, createdAt, message, done, doneReason, metrics, logprobs, Optional.empty());
  }
}
