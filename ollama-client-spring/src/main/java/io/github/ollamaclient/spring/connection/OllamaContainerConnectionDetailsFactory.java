package io.github.ollamaclient.spring.connection;

import io.github.ollamaclient.spring.OllamaConnectionDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.ollama.OllamaContainer;

/**
 * {@link OllamaConnectionDetails} for Testcontainers' {@link OllamaContainer} marked
 * {@code @ServiceConnection}, whatever its image or connection name: the container's type says it
 * is Ollama.
 */
final class OllamaContainerConnectionDetailsFactory
    extends ContainerConnectionDetailsFactory<OllamaContainer, OllamaConnectionDetails> {

  OllamaContainerConnectionDetailsFactory() {
    // Spring Boot checks the class before resolving the generic type: a missing Ollama module
    // then means "not this factory" rather than an error.
    super(ANY_CONNECTION_NAME, "org.testcontainers.ollama.OllamaContainer");
  }

  @Override
  protected OllamaConnectionDetails getContainerConnectionDetails(
      ContainerConnectionSource<OllamaContainer> source) {
    return new Details(source);
  }

  /** The container's host and mapped port, read once it has started. */
  static final class Details extends ContainerConnectionDetails<OllamaContainer>
      implements OllamaConnectionDetails {

    Details(ContainerConnectionSource<OllamaContainer> source) {
      super(source);
    }

    /** Starts the container if it has not started yet, as Spring Boot's other details do. */
    @Override
    public String baseUrl() {
      OllamaContainer container = getContainer();
      return BaseUrls.http(container.getHost(), container.getMappedPort(BaseUrls.OLLAMA_PORT));
    }
  }
}
