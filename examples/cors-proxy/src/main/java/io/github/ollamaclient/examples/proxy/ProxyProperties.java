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

  /** Spring Boot creates it. */
  public ProxyProperties() {}

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
