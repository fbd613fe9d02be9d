package io.github.ollamaclient.examples.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The proxy's own settings, under {@code app.*}. The Ollama connection itself is configured with
 * {@code ollama.*} (the ollama-client-spring starter).
 */
@ConfigurationProperties("app")
public class ProxyProperties {

  /** Cross-origin settings. */
  private final Cors cors = new Cors();

  /** The largest request body accepted; larger ones get 413. */
  private DataSize maxBodySize = DataSize.ofMegabytes(1);

  /**
   * The longest a request body may take to arrive, from its first read; a slower client gets 408
   * and its connection is closed. A client that stops sending altogether is cut off sooner, by
   * {@code server.tomcat.connection-timeout}.
   */
  private Duration bodyTimeout = Duration.ofSeconds(30);

  /**
   * Calls to Ollama (chat, generate, embed, ask-llm) running at once; more wait in the queue. Set
   * it near the server's OLLAMA_NUM_PARALLEL: more only queue on the GPU, invisibly.
   */
  private int maxConcurrent = 4;

  /** Calls that may wait for a slot; one more is refused at once with 503 and Retry-After. */
  private int queueSize = 16;

  /** How long a call waits in the queue before it is refused with 503 and Retry-After. */
  private Duration queueTimeout = Duration.ofSeconds(10);

  /**
   * The most tokens one request may ask Ollama to generate (its options.num_predict); a request
   * that sets none gets this, one that asks more is refused naming the field.
   */
  private int maxNumPredict = 2048;

  /**
   * The most characters of text per request, every text counted: messages' content, thinking and
   * tool calls, tools, format; generate's prompt, suffix, system, template and context; embed's
   * input.
   */
  private int maxPromptChars = 32_000;

  /**
   * The largest context one request may ask for (its options.num_ctx); a larger one would reload
   * the model with a larger memory reservation. A request that sets none gets the model's own.
   */
  private int maxNumCtx = 8192;

  /**
   * The shortest keep_alive a request may ask for: shorter (0 unloads at once) would let a page
   * unload a model other pages use, and make the next request load it again.
   */
  private Duration minKeepAlive = Duration.ofMinutes(1);

  /** The longest keep_alive a request may ask for: longer (or negative, forever) pins a model. */
  private Duration maxKeepAlive = Duration.ofMinutes(30);

  /**
   * How long writing a streamed chunk to a page may stay blocked (the page stopped reading) before
   * the proxy ends the Ollama call and frees its slot.
   */
  private Duration clientWriteTimeout = Duration.ofSeconds(10);

  /** Spring Boot creates it. */
  public ProxyProperties() {}

  /** How long writing a streamed chunk to a page may stay blocked. */
  public Duration getClientWriteTimeout() {
    return clientWriteTimeout;
  }

  /** Sets how long writing a streamed chunk to a page may stay blocked; positive. */
  public void setClientWriteTimeout(Duration clientWriteTimeout) {
    if (clientWriteTimeout.isNegative() || clientWriteTimeout.isZero()) {
      throw new IllegalArgumentException(
          "app.client-write-timeout must be positive, was " + clientWriteTimeout);
    }
    this.clientWriteTimeout = clientWriteTimeout;
  }

  /** Calls to Ollama running at once. */
  public int getMaxConcurrent() {
    return maxConcurrent;
  }

  /** Sets the calls to Ollama running at once; at least 1. */
  public void setMaxConcurrent(int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "app.max-concurrent must be at least 1, was " + maxConcurrent);
    }
    this.maxConcurrent = maxConcurrent;
  }

  /** Calls that may wait for a slot. */
  public int getQueueSize() {
    return queueSize;
  }

  /** Sets the calls that may wait for a slot; 0 refuses at once when all are taken. */
  public void setQueueSize(int queueSize) {
    if (queueSize < 0) {
      throw new IllegalArgumentException("app.queue-size must not be negative, was " + queueSize);
    }
    this.queueSize = queueSize;
  }

  /** How long a call waits in the queue. */
  public Duration getQueueTimeout() {
    return queueTimeout;
  }

  /** Sets how long a call waits in the queue. */
  public void setQueueTimeout(Duration queueTimeout) {
    this.queueTimeout = queueTimeout;
  }

  /** The most tokens one request may generate. */
  public int getMaxNumPredict() {
    return maxNumPredict;
  }

  /** Sets the most tokens one request may generate; at least 1. */
  public void setMaxNumPredict(int maxNumPredict) {
    if (maxNumPredict < 1) {
      throw new IllegalArgumentException(
          "app.max-num-predict must be at least 1, was " + maxNumPredict);
    }
    this.maxNumPredict = maxNumPredict;
  }

  /** The most characters of prompt per request. */
  public int getMaxPromptChars() {
    return maxPromptChars;
  }

  /** Sets the most characters of prompt per request; at least 1. */
  public void setMaxPromptChars(int maxPromptChars) {
    if (maxPromptChars < 1) {
      throw new IllegalArgumentException(
          "app.max-prompt-chars must be at least 1, was " + maxPromptChars);
    }
    this.maxPromptChars = maxPromptChars;
  }

  /** The largest context one request may ask for. */
  public int getMaxNumCtx() {
    return maxNumCtx;
  }

  /** Sets the largest context one request may ask for; at least 1. */
  public void setMaxNumCtx(int maxNumCtx) {
    if (maxNumCtx < 1) {
      throw new IllegalArgumentException("app.max-num-ctx must be at least 1, was " + maxNumCtx);
    }
    this.maxNumCtx = maxNumCtx;
  }

  /** The shortest keep_alive a request may ask for. */
  public Duration getMinKeepAlive() {
    return minKeepAlive;
  }

  /** Sets the shortest keep_alive a request may ask for; at least one second. */
  public void setMinKeepAlive(Duration minKeepAlive) {
    if (minKeepAlive.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "app.min-keep-alive must be at least 1s, was " + minKeepAlive);
    }
    this.minKeepAlive = minKeepAlive;
  }

  /** The longest keep_alive a request may ask for. */
  public Duration getMaxKeepAlive() {
    return maxKeepAlive;
  }

  /** Sets the longest keep_alive a request may ask for; at least one second. */
  public void setMaxKeepAlive(Duration maxKeepAlive) {
    if (maxKeepAlive.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "app.max-keep-alive must be at least 1s, was " + maxKeepAlive);
    }
    this.maxKeepAlive = maxKeepAlive;
  }

  /** The longest a request body may take to arrive. */
  public Duration getBodyTimeout() {
    return bodyTimeout;
  }

  /** Sets the longest a request body may take to arrive. */
  public void setBodyTimeout(Duration bodyTimeout) {
    this.bodyTimeout = bodyTimeout;
  }

  /** The cross-origin settings. */
  public Cors getCors() {
    return cors;
  }

  /** The largest request body accepted. */
  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  /** Sets the largest request body accepted. */
  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  /** Which web pages may call the proxy from a browser. */
  public static class Cors {
    /**
     * Origins (scheme, host and port, such as http://localhost:3000) whose pages may call the
     * proxy. Compared exactly; there is no wildcard.
     */
    private List<String> allowedOrigins = new ArrayList<>(List.of("http://localhost:3000"));

    /** How long a browser may cache a preflight answer. */
    private Duration maxAge = Duration.ofHours(1);

    /** Spring Boot creates it. */
    public Cors() {}

    /** The allowed origins. */
    public List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    /** Sets the allowed origins. */
    public void setAllowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
    }

    /** How long a browser may cache a preflight answer. */
    public Duration getMaxAge() {
      return maxAge;
    }

    /** Sets how long a browser may cache a preflight answer. */
    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }
  }
}
