package io.github.ollamaclient.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.spring.FakeOllama;
import io.github.ollamaclient.spring.OllamaAutoConfigurations;
import io.github.ollamaclient.spring.OllamaConnectionDetails;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Docker Compose factory, handed services as Spring Boot reads them from {@code docker compose
 * ps}, and in a whole application that Boot's compose listener tells of them; no Docker involved.
 */
class OllamaDockerComposeConnectionDetailsFactoryTest {
  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  @Test
  void connectsToTheOfficialImageWhateverItsTagOrRegistry() {
    for (String image :
        new String[] {
          "ollama/ollama",
          "ollama/ollama:0.12.6",
          "docker.io/ollama/ollama:latest",
          "ollama/ollama@sha256:" + "0123456789abcdef".repeat(4)
        }) {
      assertThat(details(ComposeService.ollama(image, 32768)))
          .as(image)
          .hasValueSatisfying(
              details -> assertThat(details.baseUrl()).isEqualTo("http://127.0.0.1:32768"));
    }
  }

  @Test
  void leavesOtherImagesAlone() {
    for (String image :
        new String[] {"redis:7", "ollama", "someone/ollama:latest", "ghcr.io/x/y"}) {
      assertThat(details(ComposeService.ollama(image, 32768))).as(image).isEmpty();
    }
  }

  @Test
  void connectsToAnyImageLabelledAsOllama() {
    ComposeService custom =
        new ComposeService(
            "llm",
            "registry.example.com/team/ollama-cuda:1.0",
            "127.0.0.1",
            Map.of(11434, 40001),
            Map.of("org.springframework.boot.service-connection", "ollama/ollama"));
    assertThat(details(custom).map(OllamaConnectionDetails::baseUrl))
        .contains("http://127.0.0.1:40001");
  }

  @Test
  void usesTheServicesHostAndBracketsAnIpv6One() {
    assertThat(
            details(
                    new ComposeService(
                        "ollama", "ollama/ollama", "docker-host", Map.of(11434, 5), Map.of()))
                .map(OllamaConnectionDetails::baseUrl))
        .contains("http://docker-host:5");
    assertThat(
            details(
                    new ComposeService(
                        "ollama", "ollama/ollama", "::1", Map.of(11434, 5), Map.of()))
                .map(OllamaConnectionDetails::baseUrl))
        .contains("http://[::1]:5");
  }

  @Test
  void saysToPublishThePortWhenTheServiceHidesIt() {
    ComposeService unpublished =
        new ComposeService("ai", "ollama/ollama", "127.0.0.1", Map.of(8080, 8080), Map.of());
    assertThatThrownBy(() -> details(unpublished))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Docker Compose service 'ai'")
        .hasMessageContaining("publishes no host port for 11434")
        .hasMessageContaining("ports: [\"11434\"]");
  }

  @Test
  void aComposeServiceWinsOverTheBaseUrlProperty() {
    new ApplicationContextRunner()
        .withConfiguration(OllamaAutoConfigurations.all())
        .withPropertyValues("ollama.base-url=http://127.0.0.1:1")
        .withInitializer(
            context ->
                ComposeService.announce(
                    context,
                    ComposeService.ollama("ollama/ollama:latest", ollama.port()),
                    new ComposeService(
                        "cache", "redis:7", "127.0.0.1", Map.of(6379, 6379), Map.of())))
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaConnectionDetails.class);
              assertThat(context.getBeanNamesForType(OllamaConnectionDetails.class))
                  .containsExactly("ollamaConnectionDetailsForOllama");
              OllamaClient client = context.getBean(OllamaClient.class);
              assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:" + ollama.port());
              ollama.enqueueVersion("0.12.6");
              assertThat(client.version()).isEqualTo("0.12.6");
            });
  }

  /**
   * What the factory makes of a service. Asked directly: Boot 3.5's own factories (Redis, ...) sit
   * in the same jar and would want their own ports; the whole application test above goes through
   * the registration instead.
   */
  private static Optional<OllamaConnectionDetails> details(ComposeService service) {
    return Optional.ofNullable(
        new OllamaDockerComposeConnectionDetailsFactory().getConnectionDetails(service.source()));
  }
}
