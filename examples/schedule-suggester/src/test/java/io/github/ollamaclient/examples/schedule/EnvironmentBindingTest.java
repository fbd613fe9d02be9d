package io.github.ollamaclient.examples.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.spring.OllamaClientProperties;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variable names that docker-compose.yml sets reach the right properties. */
class EnvironmentBindingTest {
  private static Binder binderFor(Map<String, Object> environment) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    return new Binder(ConfigurationPropertySources.from(sources));
  }

  @Test
  void bindsTheComposeVariables() {
    Binder binder =
        binderFor(
            Map.of(
                "OLLAMA_MODEL", "qwen3:8b",
                "APP_CORS_ALLOWED_ORIGINS", "http://localhost:3000,http://127.0.0.1:3000"));

    assertThat(binder.bind("ollama", OllamaClientProperties.class).get().getModel())
        .isEqualTo("qwen3:8b");
    assertThat(binder.bind("app.cors", CorsProperties.class).get().allowedOrigins())
        .containsExactly("http://localhost:3000", "http://127.0.0.1:3000");
  }

  @Test
  void bindsTheLimitsAndDefaultsToTheDocumentedOnes() {
    Binder binder = binderFor(Map.of("APP_MAX_CONCURRENT", "2", "APP_QUEUE_TIMEOUT", "3s"));

    SuggesterProperties limits = binder.bindOrCreate("app", SuggesterProperties.class);
    assertThat(limits.maxConcurrent()).isEqualTo(2);
    assertThat(limits.queueTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(limits.queueSize()).isEqualTo(16);
    assertThat(limits.maxNumPredict()).isEqualTo(2048);
    assertThat(binderFor(Map.of()).bindOrCreate("app", SuggesterProperties.class))
        .isEqualTo(SuggesterProperties.DEFAULTS);
  }

  @Test
  void applicationPropertiesSetsTheDocumentedLimits() throws IOException {
    Properties file = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      file.load(in);
    }
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new PropertiesPropertySource("application.properties", file));
    Binder binder = new Binder(ConfigurationPropertySources.from(sources));

    assertThat(file).containsKeys("app.max-concurrent", "app.max-num-predict", "app.max-tasks");
    assertThat(binder.bindOrCreate("app", SuggesterProperties.class))
        .isEqualTo(SuggesterProperties.DEFAULTS);
  }

  @Test
  void refusesLimitsThatMakeNoSenseNamingTheProperty() {
    assertThatThrownBy(
            () ->
                binderFor(Map.of("APP_MAX_CONCURRENT", "0"))
                    .bindOrCreate("app", SuggesterProperties.class))
        .hasRootCauseMessage("app.max-concurrent must be at least 1, was 0");
    assertThatThrownBy(
            () ->
                binderFor(Map.of("APP_QUEUE_SIZE", "-1"))
                    .bindOrCreate("app", SuggesterProperties.class))
        .hasRootCauseMessage("app.queue-size must not be negative, was -1");
  }

  @Test
  void defaultsToThePageOriginAndRefusesAWildcard() {
    assertThat(new CorsProperties(null).allowedOrigins()).containsExactly("http://localhost:3000");
    assertThatThrownBy(() -> new CorsProperties(List.of("*")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("app.cors.allowed-origins must list exact origins");
  }
}
