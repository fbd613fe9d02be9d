package io.github.ollamaclient.spring;

import io.github.ollamaclient.observe.TruncationCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code ollama.*} properties the auto-configured {@link io.github.ollamaclient.OllamaClient}
 * is built from. Every property is optional: unset ones keep the client's own defaults.
 *
 * <pre>{@code
 * ollama:
 *   base-url: http://gpu-box:11434
 *   api-key: ${OLLAMA_API_KEY:}
 *   headers:
 *     X-Team: search
 *   read-timeout: 5m
 *   keep-alive: 30m
 *   first-chunk-timeout: 5m
 *   model: llama3.2
 *   retry:
 *     max-attempts: 5
 *     max-elapsed: 1m
 *   health:
 *     timeout: 2s
 *   observations:
 *     include-content: false
 * }</pre>
 */
@ConfigurationProperties("ollama")
public class OllamaClientProperties {

  /**
   * Base URL of the Ollama server, written as OLLAMA_HOST is: http://host:port, host, host:port,
   * :port, [::1]:11434 or https://example.com/ollama (no scheme means http and port 11434). Unset:
   * the OLLAMA_HOST environment variable, else http://127.0.0.1:11434.
   */
  private String baseUrl;

  /**
   * Bearer token sent in the Authorization header ("Bearer" and the key), for ollama.com or an
   * authenticating proxy. Unset: the OLLAMA_API_KEY environment variable, else none. An
   * Authorization entry in ollama.headers wins.
   */
  private String apiKey;

  /**
   * Hosts that may receive the API key over plain http although they are not this machine, such as
   * a compose service (ollama) or a server behind your firewall. Elsewhere the key goes over https
   * or to localhost only, since anyone on the network between could read it.
   */
  private List<String> allowApiKeyOverHttp = new ArrayList<>();

  /** Headers sent with every request to the Ollama server (never to ollama.com), by name. */
  private Map<String, String> headers = new LinkedHashMap<>();

  /** How long to wait for a connection; 0 for no limit. Unset: 10s. */
  private Duration connectTimeout;

  /**
   * How long to wait for the next bytes of an answer; 0 for no limit. Unset: 10m, since a model
   * load sends nothing until it is done.
   */
  private Duration readTimeout;

  /** How long one write of a request body may take; 0 for no limit. Unset: 10m. */
  private Duration writeTimeout;

  /**
   * Limit on each whole call, streams included, from sending to the last byte. Unset or 0: no
   * limit, so long generations finish.
   */
  private Duration callTimeout;

  /**
   * Limit on how long a stream (chat, generate, pull, push, create) may take to deliver its first
   * line, from sending the request; 0 for no limit. Set it well above the slowest model load, which
   * sends nothing for minutes. Unset: no limit.
   */
  private Duration firstChunkTimeout;

  /**
   * How long the server keeps a model loaded after chat, generate and embed requests that set no
   * keep_alive of their own. A negative value keeps it loaded forever, 0 unloads it at once. Unset:
   * the server's default (5m).
   */
  private Duration keepAlive;

  /**
   * The most bytes one answer may hold: a whole answer read at once (embed, list, show) or one line
   * of a stream; a longer one ends the call with an error naming this limit. Unset: 64MB.
   */
  private DataSize maxResponseSize;

  /**
   * How the client watches for chat and generate prompts that filled the model's context window,
   * which Ollama cuts without saying so: known-lengths (from answers already seen, never an extra
   * call), lookup (asks /api/ps when no length is known) or off. Unset: known-lengths.
   */
  private TruncationCheck truncationCheck;

  /**
   * Default model name for the application to use, such as llama3.2. The client itself does not
   * read it: every request names its model; inject OllamaClientProperties and call getModel().
   */
  private String model;

  /** The Actuator health indicator's settings. */
  private final Health health = new Health();

  /** When failed calls are tried again. */
  private final Retry retry = new Retry();

  /** Whether to pull models when the application starts. */
  private final Init init = new Init();

  /** The observations (traces) of the client's calls. */
  private final Observations observations = new Observations();

  /** The base URL, or {@code null} for {@code OLLAMA_HOST} / the default. */
  public String getBaseUrl() {
    return baseUrl;
  }

  /** Sets the base URL. */
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The API key, or {@code null} for {@code OLLAMA_API_KEY} / none. */
  public String getApiKey() {
    return apiKey;
  }

  /** Sets the API key. */
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  /** The hosts that may receive the API key over plain http; never null. */
  public List<String> getAllowApiKeyOverHttp() {
    return allowApiKeyOverHttp;
  }

  /** Sets the hosts that may receive the API key over plain http. */
  public void setAllowApiKeyOverHttp(List<String> allowApiKeyOverHttp) {
    this.allowApiKeyOverHttp = allowApiKeyOverHttp;
  }

  /** The headers sent with every request to the Ollama server; never null. */
  public Map<String, String> getHeaders() {
    return headers;
  }

  /** Sets the headers sent with every request to the Ollama server. */
  public void setHeaders(Map<String, String> headers) {
    this.headers = headers;
  }

  /** The connect timeout, or {@code null} for the client's default. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** Sets the connect timeout. */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** The read timeout, or {@code null} for the client's default. */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  /** Sets the read timeout. */
  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /** The write timeout, or {@code null} for the client's default. */
  public Duration getWriteTimeout() {
    return writeTimeout;
  }

  /** Sets the write timeout. */
  public void setWriteTimeout(Duration writeTimeout) {
    this.writeTimeout = writeTimeout;
  }

  /** The call timeout, or {@code null} for none. */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  /** Sets the call timeout. */
  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /** The first-chunk timeout of streams, or {@code null} for none. */
  public Duration getFirstChunkTimeout() {
    return firstChunkTimeout;
  }

  /** Sets the first-chunk timeout of streams; zero for none. */
  public void setFirstChunkTimeout(Duration firstChunkTimeout) {
    this.firstChunkTimeout = firstChunkTimeout;
  }

  /** The default keep-alive, or {@code null} for the server's default. */
  public Duration getKeepAlive() {
    return keepAlive;
  }

  /** Sets the default keep-alive; negative means forever, zero unload at once. */
  public void setKeepAlive(Duration keepAlive) {
    this.keepAlive = keepAlive;
  }

  /** The most bytes one answer (or stream line) may hold, or {@code null} for the default. */
  public DataSize getMaxResponseSize() {
    return maxResponseSize;
  }

  /** Sets the most bytes one answer (or stream line) may hold; must be positive. */
  public void setMaxResponseSize(DataSize maxResponseSize) {
    this.maxResponseSize = maxResponseSize;
  }

  /** How prompts cut to the context window are detected, or {@code null} for the default. */
  public TruncationCheck getTruncationCheck() {
    return truncationCheck;
  }

  /** Sets how prompts cut to the context window are detected. */
  public void setTruncationCheck(TruncationCheck truncationCheck) {
    this.truncationCheck = truncationCheck;
  }

  /** The application's default model name, or {@code null}; the client never reads it. */
  public String getModel() {
    return model;
  }

  /** Sets the application's default model name. */
  public void setModel(String model) {
    this.model = model;
  }

  /** The health indicator's settings. */
  public Health getHealth() {
    return health;
  }

  /** The start-up pull settings. */
  public Init getInit() {
    return init;
  }

  /** The retry settings. */
  public Retry getRetry() {
    return retry;
  }

  /** The observation settings. */
  public Observations getObservations() {
    return observations;
  }

  /** Settings of the observation (the trace span) made of each call, with Micrometer. */
  public static class Observations {

    /**
     * Whether prompts and answers go into each call's observation (gen_ai.input.messages,
     * gen_ai.output.messages, gen_ai.system_instructions: span attributes, never metric tags). They
     * may hold personal data: off unless switched on.
     */
    private boolean includeContent;

    /** Spring Boot creates it. */
    public Observations() {}

    /** Whether prompts and answers go into the observations. */
    public boolean isIncludeContent() {
      return includeContent;
    }

    /** Sets whether prompts and answers go into the observations. */
    public void setIncludeContent(boolean includeContent) {
      this.includeContent = includeContent;
    }
  }

  /**
   * Settings of the client's {@link io.github.ollamaclient.retry.RetryPolicy}: only failures where
   * the request cannot have reached the model are retried (no connection, HTTP 503 or 429), and a
   * stream never once it delivered a chunk. The defaults are those of {@link
   * io.github.ollamaclient.retry.RetryPolicy#defaults()}.
   */
  public static class Retry {

    /** Whether failed calls are tried again; false throws every failure at once. */
    private boolean enabled = true;

    /** Most attempts per call, the first one included; 1 means no retry. */
    private int maxAttempts = 3;

    /**
     * Backoff before the first retry, doubled for each further one; each wait is jittered down to
     * as little as half. A Retry-After from the server wins.
     */
    private Duration initialBackoff = Duration.ofMillis(500);

    /**
     * Longest backoff between two attempts, before jitter; at least ollama.retry.initial-backoff.
     */
    private Duration maxBackoff = Duration.ofSeconds(8);

    /**
     * Budget for all attempts of one call, waits included, from the start of the first; no retry is
     * started whose wait would end later.
     */
    private Duration maxElapsed = Duration.ofSeconds(30);

    /**
     * HTTP statuses that are retried (error statuses 400-599 other than 404), replacing the
     * defaults; empty retries no status. Unset: 429 and 503.
     */
    private Set<Integer> statuses;

    /** Whether failed calls are tried again. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets whether failed calls are tried again. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The most attempts per call, the first one included. */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /** Sets the most attempts per call; must be at least 1. */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /** The backoff before the first retry. */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /** Sets the backoff before the first retry; must not be negative. */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /** The longest backoff between two attempts. */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /** Sets the longest backoff; must not be negative nor shorter than the initial backoff. */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** The budget for all attempts of one call. */
    public Duration getMaxElapsed() {
      return maxElapsed;
    }

    /** Sets the budget for all attempts of one call; must not be negative. */
    public void setMaxElapsed(Duration maxElapsed) {
      this.maxElapsed = maxElapsed;
    }

    /** The retried HTTP statuses, or {@code null} for the policy's defaults (429, 503). */
    public Set<Integer> getStatuses() {
      return statuses;
    }

    /** Sets the retried HTTP statuses, replacing the defaults. */
    public void setStatuses(Set<Integer> statuses) {
      this.statuses = statuses;
    }
  }

  /** Settings of the {@code ollama} Actuator health indicator. */
  public static class Health {

    /**
     * Limit on one health check, connecting included; past it the indicator reports DOWN, so a
     * stalled server never hangs /actuator/health.
     */
    private Duration timeout = Duration.ofSeconds(2);

    /** The limit on one health check. */
    public Duration getTimeout() {
      return timeout;
    }

    /** Sets the limit on one health check; must be positive. */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** When the application starts: which models to make sure of, and how. */
  public static class Init {

    /**
     * Whether to pull models at start-up: never (the default), when-missing (pull a model the
     * server does not have), or always (pull every time, to update it). A failed pull stops the
     * application, naming the model.
     */
    private PullModelStrategy pullModelStrategy = PullModelStrategy.NEVER;

    /** The models to pull. Unset: ollama.model, when set. */
    private List<String> models = new ArrayList<>();

    /** Limit on pulling all of them; a model of several GB takes minutes. */
    private Duration timeout = Duration.ofMinutes(30);

    /** Spring Boot creates it. */
    public Init() {}

    /** Whether to pull models at start-up. */
    public PullModelStrategy getPullModelStrategy() {
      return pullModelStrategy;
    }

    /** Sets whether to pull models at start-up. */
    public void setPullModelStrategy(PullModelStrategy pullModelStrategy) {
      this.pullModelStrategy = pullModelStrategy;
    }

    /** The models to pull; empty for ollama.model. */
    public List<String> getModels() {
      return models;
    }

    /** Sets the models to pull. */
    public void setModels(List<String> models) {
      this.models = models;
    }

    /** The limit on pulling. */
    public Duration getTimeout() {
      return timeout;
    }

    /** Sets the limit on pulling. */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** When the starter pulls a model at start-up. */
  public enum PullModelStrategy {
    /** Never: the application expects its models to be there. */
    NEVER,
    /** Pull a model only when the server does not have it. */
    WHEN_MISSING,
    /** Pull every model every time, to get its latest version. */
    ALWAYS
  }
}
