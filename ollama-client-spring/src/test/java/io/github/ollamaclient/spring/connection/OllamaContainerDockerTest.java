package io.github.ollamaclient.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.spring.OllamaAutoConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.ollama.OllamaContainer;

/**
 * A real Ollama in a container, found through {@code @ServiceConnection}: the client talks to it
 * although {@code ollama.base-url} points elsewhere. Needs a Docker engine (and the image, pulled
 * on the first run); reported as skipped where none answers.
 */
@EnabledIf(
    value = "dockerAnswers",
    disabledReason = "no Docker engine answers here (Testcontainers found none)")
class OllamaContainerDockerTest {
  /** The image docker-compose.yml runs. */
  private static final String IMAGE = "ollama/ollama:latest";

  static boolean dockerAnswers() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  @Test
  void theClientTalksToTheContainer() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class))
        .withConfiguration(OllamaAutoConfigurations.all())
        .withPropertyValues("ollama.base-url=http://127.0.0.1:1")
        .withUserConfiguration(Container.class)
        .run(
            context -> {
              OllamaContainer container = context.getBean(OllamaContainer.class);
              OllamaClient client = context.getBean(OllamaClient.class);
              assertThat(container.isRunning()).isTrue();
              assertThat(client.baseUrl()).isEqualTo(container.getEndpoint());
              assertThat(client.isRunning()).isTrue();
              assertThat(client.version()).isNotBlank();
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Container {
    @Bean
    @ServiceConnection
    OllamaContainer ollamaContainer() {
      return new OllamaContainer(IMAGE);
    }
  }
}
