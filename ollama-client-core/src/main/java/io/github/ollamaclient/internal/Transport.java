package io.github.ollamaclient.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.json.Json;
import io.github.ollamaclient.json.Previews;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link ApiCall}s with OkHttp and turns every outcome into either a decoded value or one of
 * the client's exceptions. All HTTP lives here, so the endpoint code stays declarative.
 */
public final class Transport {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  /** How much of a body is kept for a decode error's preview: one byte past what it shows. */
  private static final long PREVIEW_BYTES = Previews.MAX_CHARS * 4 + 1;

  private final OkHttpClient http;

  /** {@link #http} without following redirects, for every method but GET and HEAD. */
  private final OkHttpClient unredirected;

  private final Failures failures;
  private final Headers headers;
  private final OriginHeaders.Scope scope;
  private final CallObserver observer;
  private final KeepAlive defaultKeepAlive;
  private final Retries retries;
  private final Duration firstChunkTimeout;
  private final long maxResponseBytes;

  /**
   * Creates a transport.
   *
   * @param http the OkHttp client to send with
   * @param baseUrl the server's base URL; request paths are appended to its path
   * @param headers headers sent with every request (User-Agent, Authorization, extra headers)
   * @param listener hears of every finished call
   * @param defaultKeepAlive the {@code keep_alive} for model requests that set none; {@code null}
   *     to leave it to the server
   * @param retryPolicy when to try a call again
   * @param firstChunkTimeout how long a stream may take to deliver its first line; zero for no
   *     limit
   * @param unauthorizedHint added to the message of an HTTP 401, such as why the API key was not
   *     sent; {@code null} for none
   * @param maxResponseBytes the most bytes a whole answer, or one line of a stream, may hold
   */
  public Transport(
      OkHttpClient http,
      HttpUrl baseUrl,
      Headers headers,
      OllamaListener listener,
      KeepAlive defaultKeepAlive,
      RetryPolicy retryPolicy,
      Duration firstChunkTimeout,
      String unauthorizedHint,
      long maxResponseBytes) {
    this.http = http;
    // Followed, a redirected POST loses its body (301-303 turn it into a GET) or sends it, prompt
    // and all, wherever the server points (307, 308), such as a model-management route: it ends
    // the call instead, with where it pointed (Failures.status).
    this.unredirected = http.newBuilder().followRedirects(false).build();
    this.failures = new Failures(http, baseUrl, unauthorizedHint);
    this.headers = headers;
    this.scope = OriginHeaders.Scope.of(baseUrl, headers);
    this.observer = new CallObserver(listener, baseUrl.host(), baseUrl.port());
    this.defaultKeepAlive = defaultKeepAlive;
    this.retries = new Retries(retryPolicy);
    this.firstChunkTimeout = firstChunkTimeout;
    this.maxResponseBytes = maxResponseBytes;
  }

  /**
   * The client to send with, derived from {@code base}: the given timeouts, the headers of each
   * transport kept on its own server when a redirect leads elsewhere, and a {@code Retry-After}
   * OkHttp cannot read kept from it ({@link RetryAfterClamp}).
   */
  public static OkHttpClient.Builder derive(OkHttpClient base) {
    OkHttpClient.Builder builder = base.newBuilder();
    if (!builder.networkInterceptors().contains(OriginHeaders.INSTANCE)) {
      builder.addNetworkInterceptor(OriginHeaders.INSTANCE);
    }
    if (!builder.networkInterceptors().contains(RetryAfterClamp.INSTANCE)) {
      builder.addNetworkInterceptor(RetryAfterClamp.INSTANCE);
    }
    return builder;
  }

  /** The OkHttp client this transport sends with. */
  public OkHttpClient http() {
    return http;
  }

  /** Whether requests carry the header {@code name} (such as {@code Authorization}). */
  public boolean hasHeader(String name) {
    return headers.get(name) != null;
  }

  /** What an HTTP 401 from this server adds to its message, such as why the key was not sent. */
  public Optional<String> unauthorizedHint() {
    return failures.unauthorizedHint();
  }

  /** The base URL, without a trailing slash, as users write it. */
  public String baseUrlText() {
    return failures.baseUrlText();
  }

  /** Sends a call and decodes its JSON answer into {@code type}. */
  public <T> T execute(ApiCall apiCall, Class<T> type) {
    ObjectReader reader = Json.MAPPER.readerFor(type);
    return execute(apiCall, body -> reader.readValue(body.inputStream()));
  }

  /** Sends a call and decodes its JSON answer with {@code decoder}. */
  public <T> T execute(ApiCall apiCall, BodyDecoder<T> decoder) {
    return observed(apiCall, () -> decode(apiCall, decoder));
  }

  /**
   * Decodes an answer from its body as it arrives. A {@link JsonProcessingException} or runtime
   * exception means the body was not the expected JSON; another {@link IOException} means the
   * connection failed.
   *
   * @param <T> what the answer decodes to
   */
  @FunctionalInterface
  public interface BodyDecoder<T> {
    /** Reads the answer from {@code body}; {@code null} only for a body of JSON null. */
    T decode(BufferedSource body) throws IOException;
  }

  private <T> T decode(ApiCall apiCall, BodyDecoder<T> decoder) {
    try (Response response = send(apiCall)) {
      return readBody(response, apiCall, decoder);
    }
  }

  /** Decodes a response's whole body, which the caller closes. */
  <T> T readBody(Response response, ApiCall apiCall, BodyDecoder<T> decoder) {
    BufferedSource source = BoundedSource.of(response, apiCall, maxResponseBytes);
    // Decoded from the socket as it arrives, so a body of megabytes (embeddings) is never held
    // whole; only its head is copied for an error's preview. Copied, not shared: okio never
    // returns a shared segment to its pool, which would cost a new segment per call.
    byte[] head = new byte[0];
    T value;
    try {
      source.request(PREVIEW_BYTES);
      Buffer buffer = source.getBuffer();
      head = new byte[(int) Math.min(buffer.size(), PREVIEW_BYTES)];
      for (int i = 0; i < head.length; i++) {
        head[i] = buffer.getByte(i);
      }
      value = decoder.decode(source);
    } catch (JsonProcessingException | RuntimeException e) {
      throw Failures.decoding(
          apiCall.describe() + " answered with a body that is not the expected JSON", head, e);
    } catch (IOException e) {
      throw failures.io(apiCall, e, null);
    }
    if (value == null) {
      // A body of JSON null (or nothing but whitespace): found by fuzzing; never a valid answer.
      throw Failures.emptyBody(apiCall, head);
    }
    return value;
  }

  /** Sends a call whose answer has no body of interest (copy, delete, blob upload). */
  public void executeDiscarding(ApiCall apiCall) {
    observed(
        apiCall,
        () -> {
          // The status was checked by send(); nothing else to read.
          send(apiCall).close();
          return apiCall;
        });
  }

  /**
   * Sends a call and answers with its status and {@code Content-Type}, reading no body and treating
   * no status as an error: for {@code HEAD} probes ({@code /api/blobs/...}, {@code /api/version}).
   */
  public Probe probe(ApiCall apiCall) {
    return observed(
        apiCall,
        () -> {
          try (Response response = sendRaw(newCall(request(apiCall), false), apiCall)) {
            return new Probe(response.code(), response.header("Content-Type", ""));
          }
        });
  }

  /**
   * What a probe learnt.
   *
   * @param status the HTTP status
   * @param contentType the {@code Content-Type} header; empty when there was none
   */
  public record Probe(int status, String contentType) {}

  /** Sends a call and answers with its body as text, for the plain-text {@code GET /}. */
  public String executeText(ApiCall apiCall) {
    return observed(
        apiCall,
        () -> {
          try (Response response = send(apiCall)) {
            return BoundedSource.of(response, apiCall, maxResponseBytes).readUtf8();
          } catch (IOException e) {
            throw failures.io(apiCall, e, null);
          }
        });
  }

  private <T> T observed(ApiCall apiCall, Supplier<T> work) {
    CallObserver.Started observed = observer.start(apiCall, false);
    try {
      T value = work.get();
      observed.succeeded(value);
      return value;
    } catch (OllamaException e) {
      observed.failed(e);
      throw e;
    }
  }

  /**
   * Opens a streamed call. The status is checked before returning: an error status throws here, not
   * from the iterator. A stream its caller drops without closing it is cancelled once it is
   * collected.
   */
  public <T> ResponseStream<T> stream(ApiCall apiCall, StreamSpec<T> spec) {
    return new StreamCall<>(this, apiCall, spec, true).open();
  }

  /**
   * Sends a call whose caller wants one answer as a stream, and joins the chunks as {@link
   * ResponseStream#aggregate()} does. Sent whole ({@code "stream": false}), the answer would come
   * after the last token, so the read timeout would cap the model's load and its whole generation
   * together; streamed, each token resets it. Errors are the stream's: an error status before the
   * first chunk, an {@code {"error": ...}} line after it. A server or proxy that ignores {@code
   * "stream"} and answers with one JSON document ({@code application/json}) is read as such, and
   * must be the final answer ({@code done: true}): anything else is the start of an answer cut
   * short, never passed on as the whole. The first-chunk timeout, a limit for streams, does not
   * apply; listeners hear of it as not streamed.
   */
  public <T> T aggregate(ApiCall apiCall, StreamSpec<T> spec) {
    return new StreamCall<>(this, apiCall, spec, false).aggregate();
  }

  /**
   * Opens a streamed call asynchronously: each chunk goes to {@code onChunk} on an OkHttp thread,
   * the future completes with the whole answer. Cancelling the future aborts the call.
   */
  public <T> CompletableFuture<T> streamAsync(
      ApiCall apiCall, StreamSpec<T> spec, Consumer<? super T> onChunk) {
    return new StreamCall<>(this, apiCall, spec, true).future(onChunk);
  }

  /**
   * A streamed call as a {@link Flow.Publisher}: each subscription sends the call and reads its
   * chunks as the subscriber's demand allows (see {@link StreamPublisher}).
   */
  public <T> Flow.Publisher<T> publisher(ApiCall apiCall, StreamSpec<T> spec) {
    return new StreamPublisher<>(this, apiCall, spec);
  }

  /** The retry policy of this transport's calls. */
  Retries retries() {
    return retries;
  }

  /** Tells listeners and the log of this transport's calls. */
  CallObserver observer() {
    return observer;
  }

  /** The most bytes a whole answer, or one line of a stream, may hold. */
  long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Builds a call, which follows redirects only when it is a GET or a HEAD, with a stream's
   * first-chunk deadline running when asked for and one is set.
   */
  Call newCall(Request request, boolean firstChunkDeadline) {
    String method = request.method();
    OkHttpClient client = method.equals("GET") || method.equals("HEAD") ? http : unredirected;
    if (!firstChunkDeadline || firstChunkTimeout.isZero()) {
      return client.newCall(request);
    }
    FirstChunkDeadline deadline = new FirstChunkDeadline(firstChunkTimeout);
    Call call =
        client.newCall(request.newBuilder().tag(FirstChunkDeadline.class, deadline).build());
    deadline.start(call);
    return call;
  }

  /**
   * The HTTP request of a call, its body written here once: every attempt of the call sends these
   * same bytes.
   */
  Request request(ApiCall apiCall) {
    return new Request.Builder()
        .url(failures.url(apiCall.path()))
        .headers(headers)
        .tag(OriginHeaders.Scope.class, scope)
        .method(apiCall.method(), apiCall.payload().encode(defaultKeepAlive))
        .build();
  }

  private Response send(ApiCall apiCall) {
    return send(apiCall, request(apiCall), false).response();
  }

  /** A call whose status was found good, and its response, body unread. */
  record Opened(Call call, Response response) {}

  /**
   * Sends a call on this thread, trying again as the retry policy allows until its status is good:
   * the one blocking send loop, for plain calls and streams alike. An error status throws here.
   */
  Opened send(ApiCall apiCall, Request request, boolean firstChunkDeadline) {
    Retries.Attempts attempts = retries.start(apiCall);
    long start = System.nanoTime();
    while (true) {
      Call call = newCall(request, firstChunkDeadline);
      try {
        Response response = sendRaw(call, apiCall);
        checkStatus(response, apiCall);
        LOG.debug("{} -> {} in {} ms", apiCall.describe(), response.code(), millisSince(start));
        return new Opened(call, response);
      } catch (OllamaException e) {
        // Nothing was delivered yet: the status or the connection failed.
        FirstChunkDeadline.passed(call);
        attempts.pause(e);
      }
    }
  }

  private Response sendRaw(Call call, ApiCall apiCall) {
    try {
      return call.execute();
    } catch (IOException e) {
      throw failures.io(apiCall, e, call);
    }
  }

  /**
   * Throws, after closing the response, the matching exception for an error status, and for a body
   * in an encoding the client did not ask for (it asks for {@code identity}), which it would
   * otherwise report as JSON it cannot read.
   */
  void checkStatus(Response response, ApiCall apiCall) {
    if (response.isSuccessful()) {
      String encoding = response.header("Content-Encoding");
      if (encoding == null || encoding.equalsIgnoreCase("identity")) {
        return;
      }
      response.close();
      throw Failures.encoded(apiCall, encoding);
    }
    OllamaException error = failures.status(response, apiCall);
    LOG.debug("{} -> {}: {}", apiCall.describe(), response.code(), error.getMessage());
    throw error;
  }

  /** The failures of this transport's calls, worded for its server. */
  Failures failures() {
    return failures;
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
