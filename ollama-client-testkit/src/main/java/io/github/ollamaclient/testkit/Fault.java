package io.github.ollamaclient.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the fake injects into a response: an error line mid-stream, a stall, a dropped
 * connection, an HTML error page from a proxy, a slow model load, or any status and body.
 *
 * <p>Script it for every inference request to a model ({@link FakeModel#fault(Fault)}) or for the
 * next request only ({@link FakeOllama#failNext(Fault)}). "Chunks" count the NDJSON lines already
 * sent; a non-streamed answer counts as a stream that has sent nothing yet. Immutable.
 */
public final class Fault {
  enum Kind {
    ERROR_LINE,
    STALL,
    DISCONNECT,
    STATUS,
    SLOW_FIRST_TOKEN,
    RAW_LINE
  }

  static final String HTML_TEMPLATE =
      "<html>\r\n<head><title>%1$d %2$s</title></head>\r\n<body>\r\n<center><h1>%1$d %2$s</h1></center>\r\n"
          + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

  private final Kind kind;
  private final int afterChunks;
  private final Duration duration;
  private final int status;
  private final String contentType;
  private final String body;
  private final byte[] raw;
  private final Map<String, String> headers;

  private Fault(
      Kind kind, int afterChunks, Duration duration, int status, String contentType, String body) {
    this(kind, afterChunks, duration, status, contentType, body, new byte[0], Map.of());
  }

  private Fault(
      Kind kind,
      int afterChunks,
      Duration duration,
      int status,
      String contentType,
      String body,
      byte[] raw,
      Map<String, String> headers) {
    if (afterChunks < 0) {
      throw new IllegalArgumentException("afterChunks must not be negative, was " + afterChunks);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + duration);
    }
    this.kind = kind;
    this.afterChunks = afterChunks;
    this.duration = duration;
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.raw = raw;
    this.headers = headers;
  }

  /**
   * After {@code chunks} NDJSON lines, a line {@code {"error": message}} ends the stream (status
   * stays 200), as Ollama reports a failure once streaming has begun. With {@code chunks} 0, or on
   * a non-streamed request, the answer is instead status 500 with that error body.
   */
  public static Fault errorAfter(int chunks, String message) {
    return new Fault(
        Kind.ERROR_LINE,
        chunks,
        Duration.ZERO,
        500,
        "",
        Objects.requireNonNull(message, "message"));
  }

  /**
   * Sends no byte at all, not even the status line, for {@code duration}, then answers normally.
   */
  public static Fault stall(Duration duration) {
    return stallAfter(0, duration);
  }

  /** After {@code chunks} NDJSON lines, sends nothing for {@code duration}, then goes on. */
  public static Fault stallAfter(int chunks, Duration duration) {
    return new Fault(Kind.STALL, chunks, Objects.requireNonNull(duration, "duration"), 0, "", "");
  }

  /** Closes the connection before answering anything: the client sees no status line. */
  public static Fault disconnect() {
    return new Fault(Kind.DISCONNECT, 0, Duration.ZERO, -1, "", "");
  }

  /**
   * Sends the status line, headers and {@code chunks} NDJSON lines, then closes the socket without
   * the terminating chunk: the stream breaks without {@code done: true}.
   */
  public static Fault disconnectAfter(int chunks) {
    return new Fault(Kind.DISCONNECT, chunks, Duration.ZERO, 0, "", "");
  }

  /**
   * Answers {@code status} with an nginx-style HTML page, as a reverse proxy in front of Ollama
   * does (for example 500, 502 or 504).
   */
  public static Fault htmlError(int status) {
    String reason = reason(status);
    return status(status, "text/html", String.format(HTML_TEMPLATE, status, reason));
  }

  /**
   * Answers {@code status} with {@code body}: {@code application/json; charset=utf-8} when the body
   * starts with <code>{</code>, else {@code text/plain; charset=utf-8}.
   */
  public static Fault status(int status, String body) {
    Objects.requireNonNull(body, "body");
    return status(
        status,
        body.stripLeading().startsWith("{")
            ? "application/json; charset=utf-8"
            : "text/plain; charset=utf-8",
        body);
  }

  /**
   * Answers 401 with Ollama's sign-in body, {@code {"error": "unauthorized", "signin_url":
   * FakeOllama.SIGNIN_URL}}: what a server not signed in to ollama.com answers a request for a
   * cloud model.
   */
  public static Fault signinRequired() {
    return status(
        401,
        "application/json; charset=utf-8",
        "{\"error\":\"unauthorized\",\"signin_url\":\"" + FakeOllama.SIGNIN_URL + "\"}");
  }

  /** Answers {@code status} with {@code body} of type {@code contentType}. */
  public static Fault status(int status, String contentType, String body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, was " + status);
    }
    return new Fault(
        Kind.STATUS,
        0,
        Duration.ZERO,
        status,
        Objects.requireNonNull(contentType, "contentType"),
        Objects.requireNonNull(body, "body"));
  }

  /**
   * Delays the whole answer by {@code loadTime}, as loading a model into memory does, and reports
   * it in {@code load_duration}.
   */
  public static Fault slowFirstToken(Duration loadTime) {
    return new Fault(
        Kind.SLOW_FIRST_TOKEN, 0, Objects.requireNonNull(loadTime, "loadTime"), 0, "", "");
  }

  /**
   * After {@code chunks} NDJSON lines, sends {@code line} as it is (any bytes: garbage, invalid
   * UTF-8, a line of any length) followed by a newline, then goes on with the rest of the stream.
   * On a non-streamed request the whole body is {@code line} instead, with status 200.
   */
  public static Fault rawLineAfter(int chunks, byte[] line) {
    Objects.requireNonNull(line, "line");
    return new Fault(Kind.RAW_LINE, chunks, Duration.ZERO, 200, "", "", line.clone(), Map.of());
  }

  /**
   * This fault with a response header added, such as {@code Retry-After: 2} on a {@code status(503,
   * ...)} or {@code status(429, ...)}.
   */
  public Fault withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Fault(
        kind,
        afterChunks,
        duration,
        status,
        contentType,
        body,
        raw,
        Collections.unmodifiableMap(more));
  }

  Kind kind() {
    return kind;
  }

  int afterChunks() {
    return afterChunks;
  }

  Duration duration() {
    return duration;
  }

  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  String body() {
    return body;
  }

  byte[] raw() {
    return Arrays.copyOf(raw, raw.length);
  }

  Map<String, String> headers() {
    return headers;
  }

  boolean beforeResponse() {
    return kind == Kind.DISCONNECT && status == -1;
  }

  private static String reason(int status) {
    switch (status) {
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Temporarily Unavailable";
      case 504:
        return "Gateway Time-out";
      case 429:
        return "Too Many Requests";
      default:
        return "Error";
    }
  }

  @Override
  public String toString() {
    return "Fault{" + kind + ", afterChunks=" + afterChunks + ", duration=" + duration + "}";
  }
}
