package io.github.ollamaclient.examples.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The one error shape, the CORS proxy's and Ollama's own: {@code {"error": "..."}}, whose words
 * name the field or the limit. Written here by the filter, the handlers and the error page alike.
 */
final class ErrorAnswer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorAnswer() {}

  /** The body of an error answer. */
  static Map<String, String> body(String message) {
    return Map.of("error", message);
  }

  /** Writes a whole error answer, bypassing content negotiation: it is JSON whatever was asked. */
  static void write(HttpServletResponse response, int status, String message) throws IOException {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(body(message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error answer", e);
    }
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
  }
}
