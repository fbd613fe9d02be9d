package io.github.ollamaclient.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
 *   model: llama3.2
 *   health:
 *     timeout: 2s
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

  /** Headers sent with every request, by name. */
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
   * How long the server keeps a model loaded after chat, generate and embed requests that set no
   * keep_alive of their own. A negative value keeps it loaded forever, 0 unloads it at once. Unset:
   * the server's default (5m).
   */
  private Duration keepAlive;

  /**
   * Default model name for the application to use, such as llama3.2. The client itself does not
   * read it: every request names its model; inject OllamaClientProperties and call getModel().
   */
  private String model;

  /** The Actuator health indicator's settings. */
  private final Health health = new Health();

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

  /** The headers sent with every request; never null. */
  public Map<String, String> getHeaders() {
    return headers;
  }

  /** Sets the headers sent with every request. */
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

  /** The default keep-alive, or {@code null} for the server's default. */
  public Duration getKeepAlive() {
    return keepAlive;
  }

  /** Sets the default keep-alive; negative means forever, zero unload at once. */
  public void setKeepAlive(Duration keepAlive) {
    this.keepAlive = keepAlive;
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
}
