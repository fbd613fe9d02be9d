package io.github.ollamaclient.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * What a user without the SDK writes: a plain {@link OkHttpClient}, a plain Jackson mapper and
 * small records for the chat answer. The floors of the benchmarks and the plain cold-start main.
 */
public final class Plain {
  /** The JSON media type requests are sent with. */
  public static final MediaType JSON = MediaType.get("application/json");

  /** A plain mapper that ignores fields the records do not name, as Ollama adds fields often. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private Plain() {}

  /** A chat message as the wire has it. */
  public record ChatMessage(String role, String content) {}

  /** A chat request: model, messages and the stream flag. */
  public record ChatRequest(String model, List<ChatMessage> messages, boolean stream) {}

  /** The fields of a chat answer a caller uses. */
  public record ChatAnswer(
      String model,
      @JsonProperty("created_at") String createdAt,
      ChatMessage message,
      boolean done,
      @JsonProperty("done_reason") String doneReason,
      @JsonProperty("total_duration") long totalDuration,
      @JsonProperty("load_duration") long loadDuration,
      @JsonProperty("prompt_eval_count") int promptEvalCount,
      @JsonProperty("prompt_eval_duration") long promptEvalDuration,
      @JsonProperty("eval_count") int evalCount,
      @JsonProperty("eval_duration") long evalDuration) {}

  /** An embed request. */
  public record EmbedRequest(String model, List<String> input) {}

  /** A POST of {@code body} as JSON to {@code baseUrl + path}. */
  public static Request post(String baseUrl, String path, byte[] body) {
    return new Request.Builder().url(baseUrl + path).post(RequestBody.create(body, JSON)).build();
  }

  /**
   * The chat request the plain routes send, as JSON bytes: streamed, the question that gets the
   * long stream; not streamed, the small call's.
   */
  public static byte[] chatRequest(boolean stream) {
    String question = stream ? Payloads.STREAM_QUESTION : Payloads.QUESTION;
    return toBytes(
        new ChatRequest(Payloads.MODEL, List.of(new ChatMessage("user", question)), stream));
  }

  /** The embed request the benchmarks send, as JSON bytes. */
  public static byte[] embedRequest() {
    return toBytes(new EmbedRequest("all-minilm", List.of(Payloads.EMBED_INPUT)));
  }

  /** Serialises a value with the plain mapper. */
  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Releases a plain client's threads and pooled connections. */
  public static void shutdown(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
