package io.github.ollamaclient.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.github.ollamaclient.inference.DebugInfo;
import io.github.ollamaclient.inference.HasMetrics;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.RemoteModel;
import io.github.ollamaclient.json.Json;
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
 * <p>Read from Ollama's JSON by its own creator, {@link #fromJson}, from a private class with a
 * field for each member of the answer, named as Ollama names it.
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
 * @param debugInfo the prompt the server rendered instead of answering, for a request sent with
 *     Ollama's debug flag {@code _debug_render_only} ({@code _debug_info}); empty otherwise
 */
public record ChatResponse(
    String model,
    Instant createdAt,
    Message message,
    boolean done,
    Optional<String> doneReason,
    Optional<Metrics> metrics,
    List<Logprob> logprobs,
    Optional<RemoteModel> remote,
    Optional<DebugInfo> debugInfo)
    implements HasMetrics {

  /** Normalises absent values: empty text and lists, empty optionals, the epoch. */
  public ChatResponse {
    model = model == null ? "" : model;
    createdAt = createdAt == null ? Instant.EPOCH : createdAt;
    message = message == null ? Message.assistant("") : message;
    doneReason = doneReason == null ? Optional.empty() : doneReason;
    metrics = metrics == null ? Optional.empty() : metrics;
    logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    remote = remote == null ? Optional.empty() : remote;
    debugInfo = debugInfo == null ? Optional.empty() : debugInfo;
  }

  /**
   * An answer that a local model gave, not a debug render: every field but {@code remote} and
   * {@code debugInfo}.
   */
  public ChatResponse(
      String model,
      Instant createdAt,
      Message message,
      boolean done,
      Optional<String> doneReason,
      Optional<Metrics> metrics,
      List<Logprob> logprobs) {
    this(
        model,
        createdAt,
        message,
        done,
        doneReason,
        metrics,
        logprobs,
        Optional.empty(),
        Optional.empty());
  }

  /** An answer or chunk as Ollama sends it: the wire format of this record. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ChatResponse fromJson(Wire wire) {
    return new ChatResponse(
        wire.model,
        wire.createdAt,
        wire.message,
        wire.done,
        Json.optionalText(wire.doneReason),
        Metrics.of(
            wire.done,
            wire.totalDuration,
            wire.loadDuration,
            wire.promptEvalCount,
            wire.promptEvalDuration,
            wire.evalCount,
            wire.evalDuration),
        wire.logprobs,
        RemoteModel.of(wire.remoteModel, wire.remoteHost),
        Optional.ofNullable(wire.debugInfo));
  }

  /**
   * Ollama's members of a chat answer, set one by one as they come. Not the creator's parameters:
   * for each parameter a line lacks (eleven in a token chunk) Jackson looks up an absent value,
   * which cost the stream a fifth of its time; an absent field here is left null.
   */
  private static final class Wire {
    @JsonProperty("model")
    String model;

    @JsonProperty("created_at")
    @JsonDeserialize(using = Json.Timestamp.class)
    Instant createdAt;

    @JsonProperty("message")
    Message message;

    @JsonProperty("done")
    boolean done;

    @JsonProperty("done_reason")
    String doneReason;

    @JsonProperty("total_duration")
    Long totalDuration;

    @JsonProperty("load_duration")
    Long loadDuration;

    @JsonProperty("prompt_eval_count")
    Integer promptEvalCount;

    @JsonProperty("prompt_eval_duration")
    Long promptEvalDuration;

    @JsonProperty("eval_count")
    Integer evalCount;

    @JsonProperty("eval_duration")
    Long evalDuration;

    @JsonProperty("logprobs")
    List<Logprob> logprobs;

    @JsonProperty("remote_model")
    String remoteModel;

    @JsonProperty("remote_host")
    String remoteHost;

    @JsonProperty("_debug_info")
    DebugInfo debugInfo;
  }

  /**
   * This answer with another message: a stream's final chunk with the message joined from all the
   * chunks.
   */
  public ChatResponse withMessage(Message message) {
    return new ChatResponse(
        model, createdAt, message, done, doneReason, metrics, logprobs, remote, debugInfo);
  }

  /** This answer with other log probabilities, such as those of all a stream's chunks. */
  public ChatResponse withLogprobs(List<Logprob> logprobs) {
    return new ChatResponse(
        model, createdAt, message, done, doneReason, metrics, logprobs, remote, debugInfo);
  }
}
