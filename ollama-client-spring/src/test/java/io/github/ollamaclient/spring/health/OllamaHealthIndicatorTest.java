package io.github.ollamaclient.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.spring.FakeOllama;
import io.github.ollamaclient.spring.OllamaAutoConfigurations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class OllamaHealthIndicatorTest {
  private static final String INDICATOR = "ollamaHealthIndicator";

  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner().withConfiguration(OllamaAutoConfigurations.all());

  @Test
  void registersTheIndicatorOfTheRunningBootLine() {
    Class<?> expected =
        SpringBootVersion.getVersion().startsWith("3.")
            ? OllamaBoot3HealthIndicator.class
            : OllamaHealthIndicator.class;
    contextRunner.run(
        context -> assertThat(context.getBean(INDICATOR)).isExactlyInstanceOf(expected));
  }

  @Test
  void reportsUpWithTheServersVersion() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              HealthReading health = HealthReading.of(context.getBean(INDICATOR));
              assertThat(health.status()).isEqualTo("UP");
              assertThat(health.details())
                  .containsEntry("version", "0.12.6")
                  .containsEntry("baseUrl", ollama.url());
              assertThat(ollama.takeRequest().getTarget()).isEqualTo("/api/version");
            });
  }

  @Test
  void reportsDownWithTheServersErrorWhenItFails() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueue(500, "{\"error\":\"out of memory\"}");
              HealthReading health = HealthReading.of(context.getBean(INDICATOR));
              assertThat(health.status()).isEqualTo("DOWN");
              assertThat(String.valueOf(health.details().get("error")))
                  .contains("OllamaHttpException")
                  .contains("out of memory");
            });
  }

  @Test
  void reportsDownWhenNothingListensAtTheBaseUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    contextRunner
        .withPropertyValues("ollama.base-url=http://127.0.0.1:" + closedPort)
        .run(
            context -> {
              HealthReading health = HealthReading.of(context.getBean(INDICATOR));
              assertThat(health.status()).isEqualTo("DOWN");
              assertThat(String.valueOf(health.details().get("error")))
                  .contains("OllamaConnectionException");
            });
  }

  @Test
  void reportsDownWithinItsTimeoutWhenTheServerStalls() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.health.timeout=300ms")
        .run(
            context -> {
              ollama.enqueueStalled(Duration.ofSeconds(10));
              long start = System.nanoTime();
              HealthReading health = HealthReading.of(context.getBean(INDICATOR));
              Duration took = Duration.ofNanos(System.nanoTime() - start);
              assertThat(health.status()).isEqualTo("DOWN");
              assertThat(String.valueOf(health.details().get("error")))
                  .contains("OllamaTimeoutException");
              assertThat(took).isLessThan(Duration.ofSeconds(3));
            });
  }

  @Test
  void checksWithTheClientsHeaders() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.api-key=sk-test")
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              HealthReading.of(context.getBean(INDICATOR));
              assertThat(ollama.takeRequest().getHeaders().get("Authorization"))
                  .isEqualTo("Bearer sk-test");
            });
  }

  @Test
  void keepsItsChecksOutOfTheRequestMetrics() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .withBean(SimpleMeterRegistry.class)
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              HealthReading.of(context.getBean(INDICATOR));
              assertThat(
                      context
                          .getBean(SimpleMeterRegistry.class)
                          .find("ollama.client.requests")
                          .meters())
                  .isEmpty();
            });
  }

  @Test
  void isSwitchedOffByManagementHealthOllamaEnabled() {
    contextRunner
        .withPropertyValues("management.health.ollama.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(INDICATOR));
  }

  @Test
  void isAbsentWithoutActuator() {
    contextRunner
        .withClassLoader(
            new FilteredClassLoader(
                "org.springframework.boot.health", "org.springframework.boot.actuate"))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(INDICATOR);
              assertThat(context).hasBean("ollamaClient");
            });
  }
}
