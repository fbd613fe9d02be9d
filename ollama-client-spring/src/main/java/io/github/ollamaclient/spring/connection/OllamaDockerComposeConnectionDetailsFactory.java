package io.github.ollamaclient.spring.connection;

import io.github.ollamaclient.spring.OllamaConnectionDetails;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * {@link OllamaConnectionDetails} for a Docker Compose service running the {@code ollama/ollama}
 * image (any tag or registry), or another image labelled {@code
 * org.springframework.boot.service-connection: ollama/ollama}.
 */
final class OllamaDockerComposeConnectionDetailsFactory
    extends DockerComposeConnectionDetailsFactory<OllamaConnectionDetails> {

  /** The image name matched, without registry or tag; Spring Boot also reads the label as it. */
  static final String IMAGE = "ollama/ollama";

  OllamaDockerComposeConnectionDetailsFactory() {
    super(IMAGE);
  }

  @Override
  protected OllamaConnectionDetails getDockerComposeConnectionDetails(
      DockerComposeConnectionSource source) {
    return new Details(source.getRunningService());
  }

  /** The service's host and the host port published for Ollama's 11434. */
  static final class Details extends DockerComposeConnectionDetails
      implements OllamaConnectionDetails {
    private final String baseUrl;

    Details(RunningService service) {
      super(service);
      this.baseUrl = BaseUrls.http(service.host(), publishedPort(service));
    }

    private static int publishedPort(RunningService service) {
      try {
        return service.ports().get(BaseUrls.OLLAMA_PORT);
      } catch (IllegalStateException e) {
        // Spring Boot's own message names only the port: say what to change in the compose file.
        throw new IllegalStateException(
            "Docker Compose service '"
                + service.name()
                + "' runs Ollama but publishes no host port for "
                + BaseUrls.OLLAMA_PORT
                + ": add ports: [\""
                + BaseUrls.OLLAMA_PORT
                + "\"] to it in the compose file",
            e);
      }
    }

    @Override
    public String baseUrl() {
      return baseUrl;
    }

    @Override
    public String toString() {
      return "Ollama at " + baseUrl;
    }
  }
}
