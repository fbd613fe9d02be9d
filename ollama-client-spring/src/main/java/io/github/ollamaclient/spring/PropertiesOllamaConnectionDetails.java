package io.github.ollamaclient.spring;

import java.util.Objects;
import java.util.function.Function;

/**
 * The server the {@code ollama.*} properties name: the details in effect when no other {@link
 * OllamaConnectionDetails} bean is defined.
 */
final class PropertiesOllamaConnectionDetails implements OllamaConnectionDetails {
  /** The client's own default, for when neither the property nor OLLAMA_HOST is set. */
  static final String DEFAULT_BASE_URL = "http://127.0.0.1:11434";

  private final OllamaClientProperties properties;
  private final Function<String, String> environment;

  PropertiesOllamaConnectionDetails(OllamaClientProperties properties) {
    this(properties, System::getenv);
  }

  PropertiesOllamaConnectionDetails(
      OllamaClientProperties properties, Function<String, String> environment) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** {@code ollama.base-url}, else {@code OLLAMA_HOST}, else {@code http://127.0.0.1:11434}. */
  @Override
  public String baseUrl() {
    if (properties.getBaseUrl() != null) {
      return properties.getBaseUrl();
    }
    String host = environment.apply("OLLAMA_HOST");
    // A blank OLLAMA_HOST means the default to the client too.
    return host == null || host.isBlank() ? DEFAULT_BASE_URL : host;
  }

  @Override
  public String toString() {
    return "the ollama.* properties";
  }
}
