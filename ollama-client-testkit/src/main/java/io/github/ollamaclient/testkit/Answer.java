package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One response under construction: plain bodies, or NDJSON lines flushed one chunk each, with the
 * scripted {@link Fault} applied at its moment.
 */
final class Answer {
  /** Thrown to make the JDK server close the socket without finishing the response. */
  static final class Cut extends IOException {
    private static final long serialVersionUID = 1L;

    Cut() {
      super("FakeOllama drops the connection on purpose");
    }
  }

  /** Thrown when the response is complete and the handler has nothing left to do. */
  static final class Done extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Done() {
      super(null, null, false, false);
    }
  }

  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String NDJSON_TYPE = "application/x-ndjson";

  private final HttpExchange exchange;
  private final boolean head;
  private Fault fault;
  private boolean faultSpent;
  private long loadDelayNanos;
  private OutputStream stream;
  private int chunks;

  Answer(HttpExchange exchange) {
    this.exchange = exchange;
    this.head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
  }

  /**
   * Adopts {@code fault} unless one is already set (a one-shot fault wins over the model's), and
   * applies what happens before any byte: a stall, a slow load, a cut, or a scripted status.
   */
  void fault(Fault candidate) throws IOException {
    if (candidate == null || fault != null) {
      return;
    }
    fault = candidate;
    fault.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    switch (fault.kind()) {
      case STATUS:
        faultSpent = true;
        send(fault.status(), fault.contentType(), fault.body().getBytes(StandardCharsets.UTF_8));
        throw new Done();
      case SLOW_FIRST_TOKEN:
        faultSpent = true;
        long start = System.nanoTime();
        sleep(fault.duration());
        loadDelayNanos = System.nanoTime() - start;
        return;
      case DISCONNECT:
        if (fault.beforeResponse()) {
          faultSpent = true;
          throw new Cut();
        }
        return;
      case STALL:
        if (fault.afterChunks() == 0) {
          faultSpent = true;
          sleep(fault.duration());
        }
        return;
      default:
        return;
    }
  }

  long loadDelayNanos() {
    return loadDelayNanos;
  }

  void json(int status, JsonNode body) throws IOException {
    json(status, JSON_TYPE, body);
  }

  void json(int status, String contentType, JsonNode body) throws IOException {
    byte[] bytes = Wire.JSON.writeValueAsBytes(body);
    if (status == 200 && pending(Fault.Kind.ERROR_LINE)) {
      faultSpent = true;
      error(500, fault.body());
      return;
    }
    if (pending(Fault.Kind.STALL)) {
      faultSpent = true;
      sleep(fault.duration());
    }
    if (status == 200 && pending(Fault.Kind.RAW_LINE)) {
      faultSpent = true;
      send(status, contentType, fault.raw());
      return;
    }
    if (pending(Fault.Kind.DISCONNECT)) {
      faultSpent = true;
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      throw new Cut();
    }
    send(status, contentType, bytes);
  }

  void error(int status, String message) throws IOException {
    send(status, JSON_TYPE, Wire.JSON.writeValueAsBytes(Wire.object().put("error", message)));
  }

  void text(int status, String text) throws IOException {
    send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** A response with no body at all, as Go's handlers that only set a status send. */
  void empty(int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private void send(int status, String contentType, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (head || bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  /**
   * Sends one NDJSON line as its own chunk; like Go's handler, the status line and headers leave
   * with the first line. A pending fault may end the stream here instead.
   */
  void line(JsonNode chunk) throws IOException {
    applyStreamFault();
    ensureStreaming();
    stream.write(Wire.JSON.writeValueAsBytes(chunk));
    stream.write('\n');
    stream.flush();
    chunks++;
  }

  /** Ends a stream with the terminating chunk, or with the fault still waiting for its turn. */
  void end() throws IOException {
    if (pending(Fault.Kind.DISCONNECT)
        || pending(Fault.Kind.ERROR_LINE)
        || pending(Fault.Kind.RAW_LINE)) {
      applyStreamFault(true);
    }
    ensureStreaming();
    stream.close();
    exchange.close();
  }

  private void applyStreamFault() throws IOException {
    applyStreamFault(false);
  }

  private void applyStreamFault(boolean atEnd) throws IOException {
    if (fault == null || faultSpent || (!atEnd && chunks != fault.afterChunks())) {
      return;
    }
    faultSpent = true;
    switch (fault.kind()) {
      case ERROR_LINE:
        if (stream == null) {
          // Before any byte, Ollama turns a stream error into a plain error response.
          error(500, fault.body());
        } else {
          stream.write(Wire.JSON.writeValueAsBytes(Wire.object().put("error", fault.body())));
          stream.write('\n');
          stream.close();
          exchange.close();
        }
        throw new Done();
      case STALL:
        ensureStreaming();
        sleep(fault.duration());
        return;
      case DISCONNECT:
        ensureStreaming();
        stream.flush();
        throw new Cut();
      case RAW_LINE:
        ensureStreaming();
        stream.write(fault.raw());
        stream.write('\n');
        stream.flush();
        return;
      default:
        return;
    }
  }

  private boolean pending(Fault.Kind kind) {
    return fault != null && !faultSpent && fault.kind() == kind;
  }

  private void ensureStreaming() throws IOException {
    if (stream == null) {
      exchange.getResponseHeaders().set("Content-Type", NDJSON_TYPE);
      exchange.sendResponseHeaders(200, 0);
      stream = exchange.getResponseBody();
      stream.flush();
    }
  }

  static void sleep(Duration duration) throws IOException {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cut();
    }
  }
}
