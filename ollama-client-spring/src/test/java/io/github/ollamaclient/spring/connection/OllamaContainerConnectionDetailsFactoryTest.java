package io.github.ollamaclient.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.spring.FakeOllama;
import io.github.ollamaclient.spring.OllamaAutoConfigurations;
import io.github.ollamaclient.spring.OllamaConnectionDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.testcontainers.ollama.OllamaContainer;

/**
 * The Testcontainers factory in Spring Boot's own pipeline ({@code
 * ServiceConnectionAutoConfiguration} finds the {@code @ServiceConnection} bean and asks the
 * factories from {@code spring.factories}), with a mock in place of the container: a real {@link
 * OllamaContainer} asks Docker for its runtimes as soon as it is constructed. {@code
 * OllamaContainerDockerTest} runs a real one.
 */
class OllamaContainerConnectionDetailsFactoryTest {
  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class))
          .withConfiguration(OllamaAutoConfigurations.all())
          .withPropertyValues("ollama.base-url=http://127.0.0.1:1");

  @Test
  void aServiceConnectionWinsOverTheBaseUrlProperty() {
    contextRunner
        .withUserConfiguration(MarkedContainer.class)
        .withPropertyValues("test.ollama.port=" + ollama.port())
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaConnectionDetails.class);
              assertThat(context.getBean(OllamaConnectionDetails.class))
                  .isInstanceOf(OllamaContainerConnectionDetailsFactory.Details.class);
              OllamaClient client = context.getBean(OllamaClient.class);
              assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:" + ollama.port());
              ollama.enqueueVersion("0.12.6");
              assertThat(client.version()).isEqualTo("0.12.6");
              // Read from a container that had not started: the details started it first.
              verify(context.getBean(OllamaContainer.class)).start();
            });
  }

  @Test
  void aContainerWithoutServiceConnectionLeavesThePropertiesInCharge() {
    contextRunner
        .withUserConfiguration(UnmarkedContainer.class)
        .run(
            context -> {
              assertThat(context.getBean(OllamaConnectionDetails.class))
                  .isNotInstanceOf(OllamaContainerConnectionDetailsFactory.Details.class);
              assertThat(context.getBean(OllamaClient.class).baseUrl())
                  .isEqualTo("http://127.0.0.1:1");
            });
  }

  /** A container that Docker would have mapped to the fake's port, not yet started. */
  static OllamaContainer container(String host, int port) {
    OllamaContainer container = mock(OllamaContainer.class);
    when(container.isRunning()).thenReturn(false);
    when(container.getHost()).thenReturn(host);
    when(container.getMappedPort(11434)).thenReturn(port);
    return container;
  }

  @Configuration(proxyBeanMethods = false)
  static class MarkedContainer {
    @Bean
    @ServiceConnection
    OllamaContainer ollamaContainer(Environment environment) {
      return container("127.0.0.1", environment.getRequiredProperty("test.ollama.port", int.class));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UnmarkedContainer {
    @Bean
    OllamaContainer ollamaContainer() {
      return container("127.0.0.1", 40001);
    }
  }
}
