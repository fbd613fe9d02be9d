package io.github.ollamaclient.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.spring.OllamaConnectionDetails;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;

/**
 * A whole application with a compose file beside it, as {@code spring-boot-docker-compose} runs
 * one: Boot starts the {@code ollama/ollama} service, and the client talks to it although {@code
 * ollama.base-url} points elsewhere. Needs a Docker engine and the {@code docker compose} command;
 * reported as skipped where either is missing.
 */
@EnabledIf(
    value = "composeAnswers",
    disabledReason = "no Docker engine with the `docker compose` command answers here")
class OllamaComposeDockerTest {
  private static final String COMPOSE =
      """
      services:
        ollama:
          image: ollama/ollama:latest
          ports:
            - "11434"
      """;

  static boolean composeAnswers() throws InterruptedException {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return false;
    }
    try {
      Process version =
          new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
      version.getInputStream().transferTo(OutputStream.nullOutputStream());
      return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void theClientTalksToTheComposeService(@TempDir Path directory) throws IOException {
    Path composeFile = Files.writeString(directory.resolve("compose.yaml"), COMPOSE);
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Application.class)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .properties(
                "spring.main.banner-mode=off",
                "spring.docker.compose.file=" + composeFile,
                "spring.docker.compose.skip.in-tests=false",
                "spring.docker.compose.stop.command=down",
                "ollama.base-url=http://127.0.0.1:1")
            .run()) {
      assertThat(context.getBean(OllamaConnectionDetails.class))
          .isInstanceOf(OllamaDockerComposeConnectionDetailsFactory.Details.class);
      OllamaClient client = context.getBean(OllamaClient.class);
      assertThat(client.baseUrl()).isNotEqualTo("http://127.0.0.1:1");
      assertThat(client.version()).isNotBlank();
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}
}
