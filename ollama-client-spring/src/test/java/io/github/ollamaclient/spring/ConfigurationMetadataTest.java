package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaclient.retry.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata the configuration processor generated, which IDEs complete and document from. */
class ConfigurationMetadataTest {

  @Test
  void listsEveryPropertyWithADescription() throws IOException {
    Map<String, JsonNode> properties = properties();
    properties.remove("management.health.ollama.enabled");
    assertThat(properties)
        .containsOnlyKeys(
            "ollama.base-url",
            "ollama.api-key",
            "ollama.allow-api-key-over-http",
            "ollama.headers",
            "ollama.connect-timeout",
            "ollama.read-timeout",
            "ollama.write-timeout",
            "ollama.call-timeout",
            "ollama.first-chunk-timeout",
            "ollama.keep-alive",
            "ollama.max-response-size",
            "ollama.truncation-check",
            "ollama.model",
            "ollama.health.timeout",
            "ollama.init.pull-model-strategy",
            "ollama.init.models",
            "ollama.init.timeout",
            "ollama.observations.include-content",
            "ollama.retry.enabled",
            "ollama.retry.max-attempts",
            "ollama.retry.initial-backoff",
            "ollama.retry.max-backoff",
            "ollama.retry.max-elapsed",
            "ollama.retry.statuses");
    properties.forEach(
        (name, property) ->
            assertThat(property.path("description").asText()).as(name).hasSizeGreaterThan(20));
  }

  @Test
  void givesTheHealthTimeoutDefault() throws IOException {
    assertThat(properties().get("ollama.health.timeout").path("defaultValue").asText())
        .isEqualTo("2s");
  }

  @Test
  void givesTheRetryDefaultsOfTheDefaultPolicy() throws IOException {
    Map<String, JsonNode> properties = properties();
    assertThat(properties.get("ollama.retry.enabled").path("defaultValue").asBoolean()).isTrue();
    assertThat(properties.get("ollama.retry.max-attempts").path("defaultValue").asInt())
        .isEqualTo(RetryPolicy.defaults().maxAttempts());
    assertThat(properties.get("ollama.retry.initial-backoff").path("defaultValue").asText())
        .isEqualTo("500ms");
    assertThat(properties.get("ollama.retry.max-backoff").path("defaultValue").asText())
        .isEqualTo("8s");
    assertThat(properties.get("ollama.retry.max-elapsed").path("defaultValue").asText())
        .isEqualTo("30s");
  }

  @Test
  void typesTheRetryStatusesAsASetOfIntegersAndTheFirstChunkTimeoutAsADuration()
      throws IOException {
    Map<String, JsonNode> properties = properties();
    assertThat(properties.get("ollama.retry.statuses").path("type").asText())
        .isEqualTo("java.util.Set<java.lang.Integer>");
    assertThat(properties.get("ollama.first-chunk-timeout").path("type").asText())
        .isEqualTo("java.time.Duration");
  }

  @Test
  void leavesContentOutOfObservationsByDefault() throws IOException {
    JsonNode property = properties().get("ollama.observations.include-content");
    assertThat(property.path("type").asText()).isEqualTo("java.lang.Boolean");
    assertThat(property.path("defaultValue").asBoolean(true)).isFalse();
  }

  @Test
  void typesTimeoutsAsDurations() throws IOException {
    assertThat(properties().get("ollama.read-timeout").path("type").asText())
        .isEqualTo("java.time.Duration");
  }

  @Test
  void documentsTheSwitchOfTheHealthIndicator() throws IOException {
    JsonNode property = properties().get("management.health.ollama.enabled");
    assertThat(property).as("management.health.ollama.enabled in the metadata").isNotNull();
    assertThat(property.path("defaultValue").asBoolean()).isTrue();
    assertThat(property.path("description").asText()).contains("Ollama health");
  }

  /**
   * The entries of this module's properties in every metadata file on the class path (Boot has its
   * own).
   */
  private static Map<String, JsonNode> properties() throws IOException {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    for (URL url :
        Collections.list(
            ConfigurationMetadataTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
          String name = property.path("name").asText();
          if (name.startsWith("ollama.") || name.startsWith("management.health.ollama.")) {
            result.put(name, property);
          }
        }
      }
    }
    return result;
  }
}
