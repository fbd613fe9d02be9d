package io.github.ollamaclient.spring.connection;

/** The base URL of a server Spring Boot started, from the host and port it reports. */
final class BaseUrls {
  /** The port Ollama listens on inside its image. */
  static final int OLLAMA_PORT = 11434;

  private BaseUrls() {}

  /**
   * {@code http://host:port}; an IPv6 literal gets the brackets a URL needs, since Docker reports
   * hosts bare ({@code ::1}).
   */
  static String http(String host, int port) {
    if (host == null || host.isBlank()) {
      throw new IllegalStateException("the service reports no host to reach it at");
    }
    String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + authority + ":" + port;
  }
}
