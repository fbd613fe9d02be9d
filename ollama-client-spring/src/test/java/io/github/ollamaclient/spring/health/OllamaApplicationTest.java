package io.github.ollamaclient.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.spring.FakeOllama;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Spring Boot application with nothing but {@code ollama.base-url} set: the module's
 * auto-configurations come in through the imports file, next to Boot's own (Micrometer's registry
 * among them), as they do in a user's application.
 */
class OllamaApplicationTest {
  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  @Test
  void givesAnApplicationAWorkingClientHealthAndMetricsFromTheBaseUrlAlone() throws Exception {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Application.class)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .properties("spring.main.banner-mode=off", ollama.baseUrlProperty())
            .run()) {
      ollama.enqueueVersion("0.12.6");
      assertThat(context.getBean(OllamaClient.class).version()).isEqualTo("0.12.6");
      assertThat(context.getBean(MeterRegistry.class).get("ollama.client.requests").timer().count())
          .isEqualTo(1);
      ollama.enqueueVersion("0.12.6");
      HealthReading health = HealthReading.of(context.getBean("ollamaHealthIndicator"));
      assertThat(health.status()).isEqualTo("UP");
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}
}
