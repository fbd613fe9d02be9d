package io.github.ollamaclient.generate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.github.ollamaclient.chat.ToolCall;
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
 * An answer of {@code POST /api/generate}: the whole answer of {@link
 * io.github.ollamaclient.OllamaClient#generate}, or one chunk of a stream.
 *
 * <p>In a stream, each chunk carries the next piece of {@link #response()} (and of {@link
 * #thinking()}); the final chunk has {@code done} true, the {@link #doneReason()} and the {@link
 * #metrics()}.
 *
 * <p>Read from Ollama's JSON by its own creator, {@link #fromJson}, from a private class with a
 * field for each member of the answer, named as Ollama names it.
 *
 * @param model the model that answered
 * @param createdAt when the server created this answer or chunk; {@link Instant#EPOCH} when absent
 * @param response the generated text (of this chunk, when streamed); empty when none
 * @param thinking the thinking text, apart from the answer, when the model thought
 * @param done whether generation has finished: true on the final chunk and the whole answer
 * @param doneReason why generation stopped: {@code stop}, {@code length}, {@code load} or {@code
 *     unload}
 * @param metrics durations and token counts, on the final chunk and the whole answer
 * @param context the encoding of this exchange, to continue it with {@code
 *     GenerateRequest.Builder.context} (deprecated by Ollama); empty when absent
 * @param logprobs the log probability of each output token, when asked for; empty otherwise
 * @param toolCalls the functions the model asks to call ({@code tool_calls}), for models whose
 *     template offers tools in a raw prompt; empty otherwise
 * @param remote the model that really answered, when the server passed the request on to another
 *     host (a cloud model); empty otherwise
 * @param debugInfo the prompt the server rendered instead of answering, for a request sent with
 *     Ollama's debug flag {@code _debug_render_only} ({@code _debug_info}); empty otherwise
 */
public record GenerateResponse(
    String model,
    Instant createdAt,
    String response,
    Optional<String> thinking,
    boolean done,
    Optional<String> doneReason,
    Optional<Metrics> metrics,
    List<Integer> context,
    List<Logprob> logprobs,
    List<ToolCall> toolCalls,
    Optional<RemoteModel> remote,
    Optional<DebugInfo> debugInfo)
    implements HasMetrics {

  /** Replaces absent values with empty ones: no component is ever null. */
  public GenerateResponse {
    model = model == null ? "" : model;
    createdAt = createdAt == null ? Instant.EPOCH : createdAt;
    response = response == null ? "" : response;
    thinking = thinking == null ? Optional.empty() : thinking;
    doneReason = doneReason == null ? Optional.empty() : doneReason;
    metrics = metrics == null ? Optional.empty() : metrics;
    context = context == null ? List.of() : List.copyOf(context);
    logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    remote = remote == null ? Optional.empty() : remote;
    debugInfo = debugInfo == null ? Optional.empty() : debugInfo;
  }

  /**
   * An answer of a local model without tool calls, not a debug render: every field but {@code
   * toolCalls}, {@code remote} and {@code debugInfo}.
   */
  public GenerateResponse(
      String model,
      Instant createdAt,
      String response,
      Optional<String> thinking,
      boolean done,
      Optional<String> doneReason,
      Optional<Metrics> metrics,
      List<Integer> context,
      List<Logprob> logprobs) {
    this(
        model,
        createdAt,
        response,
        thinking,
        done,
        doneReason,
        metrics,
        context,
        logprobs,
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  /** An answer or chunk as Ollama sends it: the wire format of this record. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static GenerateResponse fromJson(Wire wire) {
    return new GenerateResponse(
        wire.model,
        wire.createdAt,
        wire.response,
        Optional.ofNullable(wire.thinking),
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
        wire.context,
        wire.logprobs,
        wire.toolCalls,
        RemoteModel.of(wire.remoteModel, wire.remoteHost),
        Optional.ofNullable(wire.debugInfo));
  }

  /**
   * Ollama's members of a generate answer, set one by one as they come: an absent one is left null,
   * where a creator's parameter costs Jackson a lookup of its absent value in every chunk of a
   * stream.
   */
  private static final class Wire {
    @JsonProperty("model")
    String model;

    @JsonProperty("created_at")
    @JsonDeserialize(using = Json.Timestamp.class)
    Instant createdAt;

    @JsonProperty("response")
    String response;

    @JsonProperty("thinking")
    String thinking;

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

    @JsonProperty("context")
    List<Integer> context;

    @JsonProperty("logprobs")
    List<Logprob> logprobs;

    @JsonProperty("tool_calls")
    List<ToolCall> toolCalls;

    @JsonProperty("remote_model")
    String remoteModel;

    @JsonProperty("remote_host")
    String remoteHost;

    @JsonProperty("_debug_info")
    DebugInfo debugInfo;
  }

  /**
   * This answer with other text and thinking: a stream's final chunk with the text of all the
   * chunks.
   */
  public GenerateResponse withText(String response, Optional<String> thinking) {
    return new GenerateResponse(
        model,
        createdAt,
        response,
        thinking,
        done,
        doneReason,
        metrics,
        context,
        logprobs,
        toolCalls,
        remote,
        debugInfo);
  }

  /** This answer with other log probabilities, such as those of all a stream's chunks. */
  public GenerateResponse withLogprobs(List<Logprob> logprobs) {
    return new GenerateResponse(
        model,
        createdAt,
        response,
        thinking,
        done,
        doneReason,
        metrics,
        context,
        logprobs,
        toolCalls,
        remote,
        debugInfo);
  }

  /** This answer with other tool calls, such as those of all a stream's chunks. */
  public GenerateResponse withToolCalls(List<ToolCall> toolCalls) {
    return new GenerateResponse(
        model,
        createdAt,
        response,
        thinking,
        done,
        doneReason,
        metrics,
        context,
        logprobs,
        toolCalls,
        remote,
        debugInfo);
  }

  /**
   * Parses {@link #response()} as JSON into {@code type}: the answer to a request with {@link
   * io.github.ollamaclient.inference.Format#of(Class) Format.of(type)}.
   *
   * <pre>{@code
   * record Country(String name, String capital, List<String> languages) {}
   *
   * Country country = client.generate(GenerateRequest.builder("llama3.2")
   *         .prompt("Tell me about Canada.")
   *         .format(Format.of(Country.class))
   *         .build())
   *     .responseAs(Country.class);
   * }</pre>
   *
   * <p>Uses Jackson's usual rules (records, public fields, setters, {@code @JsonProperty}); unknown
   * fields are ignored, {@code Optional} and the {@code java.time} types of {@link
   * io.github.ollamaclient.schema.JsonSchemas} are understood.
   *
   * @throws io.github.ollamaclient.error.OllamaProtocolException with a preview of the text when it
   *     is not JSON that fits {@code type}
   */
  public <T> T responseAs(Class<T> type) {
    return Json.parseAs(response, type, "generate response");
  }
}
