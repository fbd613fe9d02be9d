package io.github.ollamaclient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.embed.EmbeddingsRequest;
import io.github.ollamaclient.embed.EmbeddingsResponse;
import io.github.ollamaclient.internal.ApiCall;
import io.github.ollamaclient.internal.ClientInfo;
import io.github.ollamaclient.internal.HostResolver;
import io.github.ollamaclient.internal.SharedResources;
import io.github.ollamaclient.internal.Transport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A client for Ollama's native HTTP API. Each method is named after its endpoint: {@code POST
 * /api/chat} is {@link #chat}, {@code GET /api/tags} is {@link #list}, and so on.
 *
 * <pre>{@code
 * try (OllamaClient client = OllamaClient.fromEnv()) {
 *   ChatResponse reply = client.chat(ChatRequest.builder("llama3.2")
 *       .message(Message.user("Why is the sky blue?"))
 *       .build());
 *   System.out.println(reply.message().content());
 * }
 * }</pre>
 *
 * <p>Thread-safe: build one and share it. {@link #close()} releases the connection pool and threads
 * the client created (never an {@link OkHttpClient} you supplied). Defaults are listed on {@link
 * Builder}.
 */
public final class OllamaClient implements AutoCloseable {
  private final Transport transport;
  private final SharedResources resources;
  private final Builder settings;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OllamaClient(Transport transport, SharedResources resources, Builder settings) {
    this.transport = transport;
    this.resources = resources;
    this.settings = settings;
  }

  /**
   * A client configured from the environment: {@code OLLAMA_HOST} for the server (default {@code
   * http://127.0.0.1:11434}) and {@code OLLAMA_API_KEY} for a bearer token. Same as {@code
   * builder().build()}.
   */
  public static OllamaClient fromEnv() {
    return builder().build();
  }

  /** A builder whose defaults come from {@code OLLAMA_HOST} and {@code OLLAMA_API_KEY}. */
  public static Builder builder() {
    return new Builder(System::getenv);
  }

  /**
   * A builder that starts from this client's settings and shares its connection pool and threads;
   * the derived client can change any setting, such as timeouts or headers.
   */
  public Builder newBuilder() {
    Builder copy = new Builder(settings);
    copy.shared = resources;
    return copy;
  }

  /** The base URL requests go to, such as {@code http://127.0.0.1:11434}. */
  public String baseUrl() {
    return transport.baseUrlText();
  }

  // ---- server ----------------------------------------------------------------------------

  /**
   * {@code GET /api/version}: the server's version, such as {@code 0.12.6}.
   *
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public String version() {
    return transport.execute(ApiCall.get("/api/version"), VersionResponse.class).version();
  }

  /**
   * {@code GET /}: whether an Ollama server answers at the base URL, within 5 seconds. Never
   * throws: any failure, or an answer that is not Ollama's, is {@code false}.
   */
  public boolean isRunning() {
    OllamaClient probe =
        newBuilder()
            .callTimeout(Duration.ofSeconds(5))
            .connectTimeout(min(settings.connectTimeout, Duration.ofSeconds(5)))
            .build();
    try (probe) {
      return probe.transport.executeText(ApiCall.get("/")).contains("Ollama is running");
    } catch (OllamaException e) {
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.isZero() || a.compareTo(b) > 0 ? b : a;
  }

  /** The body of {@code GET /api/version}. */
  private record VersionResponse(String version) {
    @JsonCreator
    static VersionResponse fromJson(@JsonProperty("version") String version) {
      if (version == null) {
        throw new OllamaProtocolException("GET /api/version answered without a version");
      }
      return new VersionResponse(version);
    }
  }

  // ---- generate and chat -----------------------------------------------------------------

  // ---- embeddings ------------------------------------------------------------------------

  /**
   * {@code POST /api/embed}: a vector for each input text, in input order.
   *
   * <pre>{@code
   * float[] vector = client.embed(EmbedRequest.builder("all-minilm")
   *     .input("Why is the sky blue?")
   *     .build()).embedding();
   * }</pre>
   *
   * @throws ModelNotFoundException when the model is not on the server
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public EmbedResponse embed(EmbedRequest request) {
    Objects.requireNonNull(request, "request");
    // /api/embed never streams and documents no stream flag, so the request goes as it is.
    return transport.execute(
        ApiCall.post("/api/embed", request, request.model()), EmbedResponse.class);
  }

  /**
   * {@code POST /api/embeddings}: one vector for one prompt, not normalised.
   *
   * @throws ModelNotFoundException when the model is not on the server
   * @throws OllamaException when the server cannot be reached or answers with an error
   * @deprecated Ollama superseded {@code /api/embeddings} with {@code /api/embed}: use {@link
   *     #embed(EmbedRequest)}, which embeds several inputs per call, can truncate and shorten
   *     vectors, and returns unit-length vectors. This method stays for servers and stored vectors
   *     that depend on the old endpoint.
   */
  @Deprecated
  public EmbeddingsResponse embeddings(EmbeddingsRequest request) {
    Objects.requireNonNull(request, "request");
    return transport.execute(
        ApiCall.post("/api/embeddings", request, request.model()), EmbeddingsResponse.class);
  }

  // ---- models ----------------------------------------------------------------------------

  // ---- web search ------------------------------------------------------------------------

  /**
   * Releases the connection pool and threads this client created, once the last client derived from
   * it with {@link #newBuilder()} is closed too. Leaves a supplied {@link OkHttpClient} alone.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      resources.release();
    }
  }

  /** The transport, for the endpoint families in this package's siblings. */
  Transport transport() {
    return transport;
  }

  /**
   * Builds an {@link OllamaClient}. Defaults:
   *
   * <table>
   *   <caption>Defaults</caption>
   *   <tr><th>setting</th><th>default</th></tr>
   *   <tr><td>base URL</td><td>{@code OLLAMA_HOST}, else {@code http://127.0.0.1:11434}</td></tr>
   *   <tr><td>API key</td><td>{@code OLLAMA_API_KEY}, else none</td></tr>
   *   <tr><td>connect timeout</td><td>10 s</td></tr>
   *   <tr><td>read timeout (between bytes)</td><td>10 min: a large model can take minutes to
   *       load before the first byte</td></tr>
   *   <tr><td>write timeout</td><td>10 min</td></tr>
   *   <tr><td>call timeout (whole call)</td><td>none, so long generations and streams are never
   *       cut off</td></tr>
   * </table>
   */
  public static final class Builder {
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofMinutes(10);

    private final Function<String, String> environment;
    private String baseUrl;
    private String apiKey;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private Duration callTimeout = Duration.ZERO;
    private OkHttpClient httpClient;
    private String userAgentSuffix;
    private SharedResources shared;

    Builder(Function<String, String> environment) {
      this.environment = environment;
    }

    private Builder(Builder from) {
      this.environment = from.environment;
      this.baseUrl = from.baseUrl;
      this.apiKey = from.apiKey;
      this.headers.putAll(from.headers);
      this.connectTimeout = from.connectTimeout;
      this.readTimeout = from.readTimeout;
      this.writeTimeout = from.writeTimeout;
      this.callTimeout = from.callTimeout;
      this.httpClient = from.httpClient;
      this.userAgentSuffix = from.userAgentSuffix;
    }

    /**
     * The server, written as {@code OLLAMA_HOST} is: {@code http://host:port}, {@code host}, {@code
     * host:port}, {@code :port}, {@code [::1]:11434}, {@code https://example.com/ollama}. Without a
     * scheme, {@code http} and port 11434; a path is kept.
     *
     * @throws IllegalArgumentException naming the value when it cannot be a server address
     */
    public Builder baseUrl(String baseUrl) {
      HostResolver.resolve(Objects.requireNonNull(baseUrl, "baseUrl"));
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * A bearer token sent as {@code Authorization: Bearer <key>} (ollama.com, or a proxy that needs
     * one). An explicit {@code Authorization} header wins. Default: {@code OLLAMA_API_KEY}.
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /** A header sent with every request; replaces an earlier value of the same name. */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "value of header " + name);
      Headers.of(name, value); // validates the characters now, not on the first call
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    /** Headers sent with every request, added to those already set. */
    public Builder headers(Map<String, String> headers) {
      headers.forEach(this::header);
      return this;
    }

    /** How long to wait for a connection; zero for no limit. Default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for the next bytes of an answer; zero for no limit. Default 10 min, since a
     * model load sends nothing until it is done.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "readTimeout");
      return this;
    }

    /** How long one write of a request body may take; zero for no limit. Default 10 min. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = checkTimeout(timeout, "writeTimeout");
      return this;
    }

    /**
     * A limit on each whole call, streams included, from sending to the last byte; zero (the
     * default) for none, so that long generations finish.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = checkTimeout(timeout, "callTimeout");
      return this;
    }

    /**
     * The OkHttp client to send with, for proxies, TLS or interceptors. The timeouts set on this
     * builder still apply (on a derived client sharing its pool); {@link OllamaClient#close()}
     * leaves the supplied client alone.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      this.shared = null;
      return this;
    }

    /** Text appended to the User-Agent, such as {@code my-app/1.2}. */
    public Builder userAgentSuffix(String suffix) {
      this.userAgentSuffix = Objects.requireNonNull(suffix, "userAgentSuffix");
      return this;
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + timeout);
      }
      return timeout;
    }

    /** Builds the client. */
    public OllamaClient build() {
      String host = baseUrl != null ? baseUrl : environment.apply("OLLAMA_HOST");
      HttpUrl url = HostResolver.resolve(host);

      SharedResources resources;
      if (shared != null) {
        resources = shared.acquire();
      } else if (httpClient != null) {
        resources = SharedResources.borrowed(httpClient);
      } else {
        resources = SharedResources.owned(newDefaultHttpClient());
      }
      OkHttpClient http =
          resources
              .http()
              .newBuilder()
              .connectTimeout(connectTimeout)
              .readTimeout(readTimeout)
              .writeTimeout(writeTimeout)
              .callTimeout(callTimeout)
              .build();
      return new OllamaClient(
          new Transport(http, url, requestHeaders()), resources, new Builder(this));
    }

    private Headers requestHeaders() {
      Headers.Builder result = new Headers.Builder();
      result.set("Accept", "application/json");
      result.set("User-Agent", ClientInfo.userAgent(userAgentSuffix));
      String key = apiKey != null ? apiKey : environment.apply("OLLAMA_API_KEY");
      boolean explicitAuthorization =
          headers.keySet().stream()
              .anyMatch(name -> name.toLowerCase(Locale.ROOT).equals("authorization"));
      if (key != null && !key.isBlank() && !explicitAuthorization) {
        result.set("Authorization", "Bearer " + key.strip());
      }
      headers.forEach(result::set);
      return result.build();
    }

    private static OkHttpClient newDefaultHttpClient() {
      // OkHttp allows 5 concurrent calls per host by default; an app that streams from one
      // Ollama to many users would queue behind that, so allow as many as the server will take.
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(256);
      dispatcher.setMaxRequestsPerHost(256);
      return new OkHttpClient.Builder()
          .dispatcher(dispatcher)
          .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
          .build();
    }
  }
}
