package io.github.ollamaclient.examples.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small service between a web page and Ollama: {@code POST /ask-llm} and a read-and-generate
 * subset of Ollama's API, through the SDK, for the origins in {@code app.cors.allowed-origins}
 * only. Nothing that changes the models (pull, push, create, copy, delete) is reachable through it.
 */
@SpringBootApplication
@EnableConfigurationProperties(ProxyProperties.class)
public class CorsProxyApplication {

  /** Spring Boot creates it. */
  public CorsProxyApplication() {}

  /**
   * Starts the service.
   *
   * @param args Spring Boot arguments, such as {@code --server.port=8080}
   */
  public static void main(String[] args) {
    SpringApplication.run(CorsProxyApplication.class, args);
  }
}
