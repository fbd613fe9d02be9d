package io.github.ollamaclient.generate;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.inference.HasMetrics;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.RemoteModel;
import io.github.ollamaclient.internal.json.Json;
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
 * <p>Read from JSON by the client, by {@link io.github.ollamaclient.OllamaJson#read(String,
 * Class)}, or by a mapper of your own with {@link io.github.ollamaclient.OllamaJson#module()}
 * registered; a mapper without it refuses this type rather than guess at its fields.
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
    Optional<RemoteModel> remote)
    implements HasMetrics {

  /** Replaces absent values with empty ones: no component is ever null. */
  @JsonCreator(mode = JsonCreator.Mode.DISABLED)
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
  }

  /** An answer of a local model without tool calls: every field but those two. */
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
        Optional.empty());
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
