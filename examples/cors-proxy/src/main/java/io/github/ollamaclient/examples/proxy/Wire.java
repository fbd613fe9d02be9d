package io.github.ollamaclient.examples.proxy;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The proxy's JSON: Jackson 2 configured as the SDK's wire types expect (only annotated members,
 * nulls left out), and the error answer every failure uses.
 */
final class Wire {
  /** Serialises and reads the SDK's wire types (messages, tool calls, options) as Ollama does. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .visibility(PropertyAccessor.ALL, Visibility.NONE)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  static final String JSON = "application/json;charset=UTF-8";
  static final String NDJSON = "application/x-ndjson;charset=UTF-8";

  private Wire() {}

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** Writes a whole JSON answer. */
  static void write(HttpServletResponse response, int status, Object body) throws IOException {
    byte[] bytes = bytes(body);
    response.setStatus(status);
    response.setContentType(JSON);
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
  }

  /** Writes {@code {"error": message}}, the shape Ollama's own errors have. */
  static void error(HttpServletResponse response, int status, String message) throws IOException {
    write(response, status, Map.of("error", message));
  }

  /** Writes one NDJSON line and flushes it to the client at once. */
  static void line(HttpServletResponse response, Object chunk) throws IOException {
    OutputStream out = response.getOutputStream();
    out.write(bytes(chunk));
    out.write('\n');
    response.flushBuffer();
  }
}
