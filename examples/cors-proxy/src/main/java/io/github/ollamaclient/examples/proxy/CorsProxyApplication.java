package io.github.ollamaclient.examples.proxy;

import io.github.ollamaclient.examples.common.OllamaSlots;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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

  /** The bound on calls running in Ollama at once ({@code app.max-concurrent}, its queue). */
  @Bean
  OllamaSlots ollamaSlots(ProxyProperties app) {
    return new OllamaSlots(app.getMaxConcurrent(), app.getQueueSize(), app.getQueueTimeout());
  }
}
