package io.github.ollamaclient.spring;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the auto-configured {@link io.github.ollamaclient.OllamaClient} finds its Ollama server.
 *
 * <p>By default the {@code ollama.*} properties say ({@code ollama.base-url}, else {@code
 * OLLAMA_HOST}, else {@code http://127.0.0.1:11434}). An {@code OllamaConnectionDetails} bean
 * replaces them: Spring Boot defines one for a Docker Compose service running the {@code
 * ollama/ollama} image ({@code spring-boot-docker-compose}) and for an {@code OllamaContainer}
 * marked {@code @ServiceConnection} ({@code spring-boot-testcontainers}), and an application may
 * define its own. The other {@code ollama.*} properties (API key, headers, timeouts) still apply.
 */
public interface OllamaConnectionDetails extends ConnectionDetails {

  /**
   * The server's address, written as {@code OLLAMA_HOST} is, such as {@code http://localhost:32768}
   * or {@code gpu-box:11434}; never null.
   */
  String baseUrl();
}
