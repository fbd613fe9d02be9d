package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Where the client's server address comes from: connection details first, then properties. */
class OllamaConnectionDetailsTest {
  /** Nothing listens on port 1: a client sent there never reaches the fake. */
  private static final String NOWHERE = "ollama.base-url=http://127.0.0.1:1";

  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner().withConfiguration(OllamaAutoConfigurations.all());

  @Test
  void theDefaultDetailsAreTheBaseUrlProperty() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaConnectionDetails.class);
              assertThat(context.getBean(OllamaConnectionDetails.class).baseUrl())
                  .isEqualTo(ollama.url());
              assertThat(context.getBean(OllamaClient.class).baseUrl()).isEqualTo(ollama.url());
            });
  }

  @Test
  void theDefaultDetailsFallBackToOllamaHostThenToTheClientsDefault() {
    OllamaClientProperties properties = new OllamaClientProperties();
    assertThat(
            new PropertiesOllamaConnectionDetails(properties, Map.of("OLLAMA_HOST", "gpu-box")::get)
                .baseUrl())
        .isEqualTo("gpu-box");
    assertThat(new PropertiesOllamaConnectionDetails(properties, name -> null).baseUrl())
        .isEqualTo("http://127.0.0.1:11434");
    assertThat(
            new PropertiesOllamaConnectionDetails(properties, Map.of("OLLAMA_HOST", " ")::get)
                .baseUrl())
        .isEqualTo("http://127.0.0.1:11434");
    properties.setBaseUrl("http://ollama:11434");
    assertThat(
            new PropertiesOllamaConnectionDetails(properties, Map.of("OLLAMA_HOST", "gpu-box")::get)
                .baseUrl())
        .isEqualTo("http://ollama:11434");
  }

  @Test
  void connectionDetailsWinOverTheBaseUrlProperty() {
    contextRunner
        .withPropertyValues(NOWHERE)
        .withBean(OllamaConnectionDetails.class, () -> ollama::url)
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaConnectionDetails.class);
              OllamaClient client = context.getBean(OllamaClient.class);
              assertThat(client.baseUrl()).isEqualTo(ollama.url());
              ollama.enqueueVersion("0.12.6");
              assertThat(client.version()).isEqualTo("0.12.6");
              assertThat(ollama.takeRequest().getTarget()).isEqualTo("/api/version");
            });
  }

  @Test
  void theOtherPropertiesStillApplyBesideConnectionDetails() {
    contextRunner
        .withPropertyValues(NOWHERE, "ollama.api-key=sk-test", "ollama.headers[X-Team]=search")
        .withBean(OllamaConnectionDetails.class, () -> ollama::url)
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              RecordedRequest request = ollama.takeRequest();
              assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test");
              assertThat(request.getHeaders().get("X-Team")).isEqualTo("search");
            });
  }

  @Test
  void acceptsTheDetailsAddressInOllamaHostSyntax() {
    contextRunner
        .withBean(OllamaConnectionDetails.class, () -> () -> "gpu-box")
        .run(
            context ->
                assertThat(context.getBean(OllamaClient.class).baseUrl())
                    .isEqualTo("http://gpu-box:11434"));
  }

  @Test
  void anUnusableAddressFromConnectionDetailsStopsTheStartNamingThem() {
    contextRunner
        .withBean(OllamaConnectionDetails.class, () -> () -> "ftp://ollama")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(IllegalArgumentException.class);
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining("The Ollama connection details from ")
                  .hasStackTraceContaining("give an unusable server address")
                  .hasStackTraceContaining("ftp://ollama")
                  .hasStackTraceContaining("remove them to use ollama.base-url");
            });
    contextRunner
        .withBean(OllamaConnectionDetails.class, () -> () -> null)
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("baseUrl() returned null"));
  }

  @Test
  void needsNeitherDockerComposeNorTestcontainers() {
    contextRunner
        .withClassLoader(
            new FilteredClassLoader(
                "org.springframework.boot.docker.",
                "org.springframework.boot.testcontainers.",
                "org.testcontainers."))
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ollama.enqueueVersion("0.12.6");
              assertThat(context.getBean(OllamaClient.class).version()).isEqualTo("0.12.6");
            });
  }
}
