package io.github.ollamaclient.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaCancelledException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaRedirectException;
import io.github.ollamaclient.error.OllamaSigninRequiredException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.json.Json;
import io.github.ollamaclient.json.Previews;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Every failure of a call, worded in one place: an error status, a broken connection, a timeout, a
 * body or stream line that is not the expected JSON, an error object in a stream, a stream cut
 * short. The transport and the streams report what happened; this says it the same way for both.
 */
final class Failures {
  /** How much of an error body is kept in an exception: enough for any error page's gist. */
  private static final long MAX_ERROR_BODY_BYTES = 8 * 1024;

  private final OkHttpClient http;
  private final HttpUrl baseUrl;

  /** Added to an HTTP 401's message, such as why the API key was not sent; null for none. */
  private final String unauthorizedHint;

  Failures(OkHttpClient http, HttpUrl baseUrl, String unauthorizedHint) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.unauthorizedHint = unauthorizedHint;
  }

  Optional<String> unauthorizedHint() {
    return Optional.ofNullable(unauthorizedHint);
  }

  /** The base URL, without a trailing slash, as users write it. */
  String baseUrlText() {
    return display(baseUrl);
  }

  HttpUrl url(String path) {
    return baseUrl.newBuilder().addPathSegments(path.substring(1)).build();
  }

  /**
   * The exception for an error status, with Ollama's own error text; closes the response. A 404
   * with Ollama's JSON error names the model; any other 404 (a proxy's page) stays an HTTP error.
   */
  OllamaException status(Response response, ApiCall apiCall) {
    String raw;
    Duration retryAfter;
    try (response) {
      raw = readErrorBody(response);
      retryAfter = Retries.parseRetryAfter(response.header("Retry-After"), response.header("Date"));
    }
    String error = errorText(raw);
    int code = response.code();
    String location = response.header("Location");
    if (code >= 300 && code < 400 && location != null) {
      return new OllamaRedirectException(
          code, apiCall.method(), apiCall.path(), shown(response.request().url(), location), raw);
    }
    if (code == 404 && raw.stripLeading().startsWith("{")) {
      return new ModelNotFoundException(
          apiCall.model(), apiCall.method(), apiCall.path(), error, raw);
    }
    if (code == 401) {
      String signinUrl = jsonText(raw, "signin_url");
      if (signinUrl != null) {
        return new OllamaSigninRequiredException(
            signinUrl, apiCall.model(), apiCall.method(), apiCall.path(), error, raw);
      }
    }
    OllamaHttpException plain =
        new OllamaHttpException(code, apiCall.method(), apiCall.path(), error, raw, retryAfter);
    if (code != 401 || unauthorizedHint == null) {
      return plain;
    }
    return new OllamaHttpException(
        plain.getMessage() + ". " + unauthorizedHint,
        code,
        apiCall.method(),
        apiCall.path(),
        error,
        raw,
        retryAfter);
  }

  private static String readErrorBody(Response response) {
    try {
      BufferedSource source = response.body().source();
      source.request(MAX_ERROR_BODY_BYTES);
      Buffer buffer = source.getBuffer();
      long size = Math.min(buffer.size(), MAX_ERROR_BODY_BYTES);
      String text = buffer.clone().readString(size, StandardCharsets.UTF_8);
      return size < buffer.size() ? text + "…" : text;
    } catch (IOException e) {
      return "";
    }
  }

  /** Ollama's {@code error} field when the body is its JSON error, else the raw body, trimmed. */
  static String errorText(String raw) {
    String error = jsonText(raw, "error");
    return error != null ? error : raw.strip();
  }

  /** The text of member {@code name} when the body is a JSON object that has one; else null. */
  private static String jsonText(String raw, String name) {
    String trimmed = raw.strip();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode value = Json.MAPPER.readTree(trimmed).get(name);
        if (value != null && value.isTextual()) {
          return value.asText();
        }
      } catch (IOException e) {
        // Not JSON after all: the caller falls back to the raw text, which the user needs to see.
      }
    }
    return null;
  }

  /**
   * The exception for a body or stream line that did not decode. Jackson wraps what a creator or
   * deserializer throws, so the client's own exception is dug out of the causes; otherwise the
   * message carries Jackson's reason (which field, what was wrong) and a preview of the text.
   */
  static OllamaException decoding(String what, byte[] bytes, Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OllamaException oe) {
        return oe;
      }
    }
    String reason =
        e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.toString();
    return new OllamaProtocolException(what + " (" + reason + "): " + Previews.of(bytes), e);
  }

  /** A body of JSON null or nothing but whitespace: never a valid answer. */
  static OllamaProtocolException emptyBody(ApiCall apiCall, byte[] head) {
    return new OllamaProtocolException(
        apiCall.describe() + " answered with an empty or null body: " + Previews.of(head));
  }

  /** What a stream line that is not a chunk is called in messages. */
  static String notAChunk(ApiCall apiCall, long lineNumber) {
    return apiCall.describe() + " stream line " + lineNumber + " is not a valid chunk";
  }

  /** A stream line of JSON {@code null}: no chunk, so the stream is broken, not shorter. */
  static OllamaProtocolException nullLine(ApiCall apiCall, long lineNumber) {
    return new OllamaProtocolException(notAChunk(apiCall, lineNumber) + ": null");
  }

  /** A line longer than any answer: a broken or hostile server. */
  static OllamaProtocolException lineTooLong(ApiCall apiCall, long lineNumber, long maxBytes) {
    return new OllamaProtocolException(
        apiCall.describe() + " stream line " + lineNumber + " is longer than " + limit(maxBytes));
  }

  /** A whole answer longer than any answer: a broken or hostile server. */
  static OllamaProtocolException tooLarge(ApiCall apiCall, long maxBytes) {
    return new OllamaProtocolException(
        apiCall.describe() + " answered with more than " + limit(maxBytes));
  }

  private static String limit(long maxBytes) {
    return "maxResponseBytes ("
        + maxBytes
        + " bytes): a broken or hostile server, or an answer larger than expected; raise the"
        + " limit with OllamaClient.builder().maxResponseBytes(...) if it is genuine";
  }

  /**
   * A body in an encoding the client did not ask for: it asks for {@code identity}, so the body is
   * not inflated (a few megabytes of gzip can inflate to gigabytes) and cannot be read.
   */
  static OllamaProtocolException encoded(ApiCall apiCall, String encoding) {
    return new OllamaProtocolException(
        apiCall.describe()
            + " answered with Content-Encoding "
            + encoding
            + ", which the client did not ask for (it sends Accept-Encoding: identity): a proxy in"
            + " between compresses answers regardless; turn that off for the Ollama routes");
  }

  /** A whole answer in one document that is not the final one: the start of an answer, cut. */
  static OllamaProtocolException notFinal(ApiCall apiCall, String finalChunkName) {
    return new OllamaProtocolException(
        apiCall.describe()
            + " answered with one JSON document that is not a final answer (no "
            + finalChunkName
            + "): a server or proxy cut the answer short, or it is not Ollama");
  }

  /** The error object Ollama sends mid-stream, after {@code delivered} chunks. */
  static OllamaStreamException streamError(ApiCall apiCall, JsonNode error, long delivered) {
    return new OllamaStreamException(
        apiCall.describe(), error.isTextual() ? error.asText() : error.toString(), delivered);
  }

  /** A body that ended before its final chunk. */
  static OllamaProtocolException incomplete(
      ApiCall apiCall, long lineNumber, String finalChunkName) {
    return new OllamaProtocolException(
        apiCall.describe()
            + " stream ended after "
            + lineNumber
            + " line(s) without its final chunk ("
            + finalChunkName
            + "): the connection broke or a proxy cut the answer short");
  }

  static OllamaCancelledException cancelled(ApiCall apiCall) {
    return new OllamaCancelledException(apiCall.describe() + " was cancelled");
  }

  /** Maps an I/O failure to the client's exception type, naming the URL and what to try. */
  OllamaException io(ApiCall apiCall, IOException e, Call call) {
    String url = display(url(apiCall.path()));
    // OkHttp enforces the call timeout by cancelling the call, so a timeout must be recognised
    // before a cancel, or an expired timeout would read as the caller's own cancel.
    boolean callTimedOut =
        e instanceof InterruptedIOException
            && !(e instanceof SocketTimeoutException)
            && "timeout".equals(e.getMessage());
    FirstChunkDeadline firstChunk = FirstChunkDeadline.expiredOf(call);
    if (firstChunk != null) {
      // The watchdog cancelled the call: a timeout, though OkHttp reports a cancel.
      return new OllamaTimeoutException(
          apiCall.describe()
              + " to "
              + url
              + " timed out: no first chunk within the first-chunk timeout ("
              + firstChunk.limit().toMillis()
              + " ms). A model load can take minutes; raise firstChunkTimeout in"
              + " OllamaClient.builder() if the server is just slow.",
          url,
          e);
    }
    if (call != null && call.isCanceled() && !callTimedOut) {
      return cancelled(apiCall);
    }
    if (e instanceof SocketTimeoutException) {
      String which =
          e.getMessage() != null && e.getMessage().toLowerCase().contains("connect")
              ? "connect timeout (" + http.connectTimeoutMillis() + " ms)"
              : "read timeout (" + http.readTimeoutMillis() + " ms between bytes)";
      return new OllamaTimeoutException(
          apiCall.describe()
              + " to "
              + url
              + " timed out: "
              + which
              + ". A model load can take"
              + " minutes; raise the timeout in OllamaClient.builder() if the server is just slow.",
          url,
          e);
    }
    if (callTimedOut) {
      return new OllamaTimeoutException(
          apiCall.describe()
              + " to "
              + url
              + " timed out: the whole-call timeout ("
              + http.callTimeoutMillis()
              + " ms) expired.",
          url,
          e);
    }
    if (e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException) {
      return new OllamaConnectionException(
          "Could not connect to Ollama at "
              + display(baseUrl)
              + " ("
              + apiCall.describe()
              + "): "
              + e.getMessage()
              // Said to any app's developer: this project's compose file is not theirs to start.
              + ". Is Ollama running? Start it with `ollama serve` (or the Ollama app), and check"
              + " OLLAMA_HOST or the client's base URL.",
          url,
          e);
    }
    return new OllamaConnectionException(
        apiCall.describe() + " to " + url + " failed: " + e, url, e);
  }

  /**
   * Where a redirect points, absolute, for a message: without user info, query or fragment, which
   * may carry credentials.
   */
  private static String shown(HttpUrl from, String location) {
    HttpUrl target = from.resolve(location);
    if (target == null) {
      return "a location that is not an http or https URL";
    }
    return display(
        target.newBuilder().username("").password("").query(null).fragment(null).build());
  }

  static String display(HttpUrl url) {
    String text = url.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
