package io.github.ollamaclient.examples.proxy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.OllamaJson;
import io.github.ollamaclient.examples.common.InvalidRequestException;
import io.github.ollamaclient.examples.common.RequestJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The request bodies the proxy takes: read within a size and time limit, then either Ollama's
 * request JSON, which the SDK reads ({@link OllamaJson}), or the proxy's own fields ({@code
 * /ask-llm}, {@code /api/show}'s), which Jackson binds to the records below ({@link RequestJson}):
 * an unknown or ill-typed field is a 400 naming it, never silently dropped or passed on raw.
 */
final class WireRequests {
  private WireRequests() {}

  /**
   * A request body, read up to {@code maxBytes} and within {@code timeout} from the first read, as
   * JSON. A client that stops sending is cut off by Tomcat's read timeout ({@code
   * server.tomcat.connection-timeout}, between bytes: Tomcat answers 408 itself); one that keeps
   * trickling bytes is cut off here, since each byte would reset that timeout.
   */
  static JsonNode read(InputStream body, long maxBytes, Duration timeout) throws IOException {
    int limit = (int) Math.min(Integer.MAX_VALUE - 1, maxBytes);
    long started = System.nanoTime();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n;
        (n = body.read(buffer, 0, Math.min(buffer.length, limit + 1 - received.size()))) >= 0; ) {
      received.write(buffer, 0, n);
      if (received.size() > limit) {
        throw new ApiException(413, GateFilter.tooLarge(maxBytes));
      }
      if (System.nanoTime() - started > timeout.toNanos()) {
        throw slowBody(timeout);
      }
    }
    byte[] bytes = received.toByteArray();
    if (bytes.length == 0) {
      throw ApiException.badRequest("Request body is empty; send a JSON object");
    }
    JsonNode tree;
    try {
      tree = Wire.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return tree;
  }

  private static ApiException slowBody(Duration timeout) {
    return new ApiException(
        408,
        "Request body did not arrive within "
            + timeout.toMillis()
            + " ms (app.body-timeout); send it at once");
  }

  /**
   * Ollama's request body read into the SDK's request by {@link OllamaJson}: every field checked by
   * name and type, and by the request's builder, so a bad one is a 400 that names it. The stream
   * flag is the caller's to read.
   */
  static <T> T request(JsonNode body, Class<T> type) {
    try {
      return OllamaJson.read(body, type);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), e);
    }
  }

  /**
   * {@code POST /ask-llm}: {@code {"prompt": "...", "model"?: "...", "stream"?: false}}.
   *
   * @param prompt what to ask; required, not blank
   * @param model the model to ask; the proxy's default when absent or blank
   * @param stream whether to answer in NDJSON lines; no when absent
   */
  record Ask(
      @JsonProperty("prompt") String prompt,
      @JsonProperty("model") String model,
      @JsonProperty("stream") Boolean stream) {
    Ask {
      if (prompt == null || prompt.isBlank()) {
        throw new InvalidRequestException("prompt", "is required and must not be blank");
      }
    }
  }

  /**
   * {@code POST /api/show}: the model's name ({@code name} is Ollama's older spelling of {@code
   * model}), and whether to show the large fields in full.
   */
  record Show(
      @JsonProperty("model") String model,
      @JsonProperty("name") String name,
      @JsonProperty("verbose") Boolean verbose) {
    Show {
      model = model == null ? name : model;
      if (model == null || model.isBlank()) {
        throw new InvalidRequestException("model", "is required: the name of the model to show");
      }
    }
  }

  /**
   * The {@code stream} flag of Ollama's chat and generate requests, whose other fields it skips.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Streaming(@JsonProperty("stream") Boolean stream) {}

  /** Whether a chat or generate request asks to stream: Ollama's default is yes. */
  static boolean streams(JsonNode body) {
    return !Boolean.FALSE.equals(RequestJson.read(body, Streaming.class).stream());
  }
}
