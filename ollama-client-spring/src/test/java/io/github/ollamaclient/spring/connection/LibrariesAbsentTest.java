package io.github.ollamaclient.spring.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.spring.OllamaConnectionDetails;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * An application without {@code spring-boot-docker-compose}, {@code spring-boot-testcontainers} or
 * Testcontainers' Ollama module: Spring Boot reads the factories listed in this module's {@code
 * spring.factories} through a class loader that lacks them, and must skip the factories it cannot
 * load rather than fail, or every service connection of the application would break.
 */
class LibrariesAbsentTest {
  private static final String COMPOSE = "org.springframework.boot.docker.";
  private static final String BOOT_TESTCONTAINERS = "org.springframework.boot.testcontainers.";
  private static final String TESTCONTAINERS = "org.testcontainers.";
  private static final String OLLAMA_MODULE = "org.testcontainers.ollama.";

  @Test
  void withAllThreeAbsentNeitherFactoryLoadsAndNothingFails() {
    ClassLoader loader = new Hiding(COMPOSE, BOOT_TESTCONTAINERS, TESTCONTAINERS);
    // The loader really lacks them: the factory classes cannot be defined.
    assertThatThrownBy(() -> Class.forName(composeFactory(), true, loader))
        .isInstanceOf(NoClassDefFoundError.class);
    assertThatThrownBy(() -> Class.forName(containerFactory(), true, loader))
        .isInstanceOf(NoClassDefFoundError.class);

    assertThat(factoryNames(loader)).doesNotContain(composeFactory(), containerFactory());
    new ConnectionDetailsFactories(loader);
  }

  @Test
  void withTheLibrariesPresentBothFactoriesAreRegistered() {
    assertThat(factoryNames(getClass().getClassLoader()))
        .contains(composeFactory(), containerFactory());
  }

  @Test
  void withoutTheOllamaModuleComposeStillConnects() {
    ClassLoader loader = new Hiding(OLLAMA_MODULE);
    assertThatThrownBy(
            () -> Class.forName("org.testcontainers.ollama.OllamaContainer", false, loader))
        .isInstanceOf(ClassNotFoundException.class);

    ConnectionDetailsFactories factories = new ConnectionDetailsFactories(loader);
    ConnectionDetails details =
        factories
            .getConnectionDetails(ComposeService.ollama("ollama/ollama", 32768).source(), false)
            .get(OllamaConnectionDetails.class);
    assertThat(details).isNotNull();
    assertThat(details.getClass().getClassLoader()).isSameAs(loader);
    assertThat(((OllamaConnectionDetails) details).baseUrl()).isEqualTo("http://127.0.0.1:32768");
  }

  private static String composeFactory() {
    return OllamaDockerComposeConnectionDetailsFactory.class.getName();
  }

  private static String containerFactory() {
    return OllamaContainerConnectionDetailsFactory.class.getName();
  }

  /** The factories Spring Boot loads through {@code loader}, skipping those it cannot load. */
  @SuppressWarnings("rawtypes")
  private static List<String> factoryNames(ClassLoader loader) {
    List<ConnectionDetailsFactory> factories =
        SpringFactoriesLoader.forDefaultResourceLocation(loader)
            .load(
                ConnectionDetailsFactory.class,
                FailureHandler.logging(LogFactory.getLog(LibrariesAbsentTest.class)));
    return factories.stream().map(factory -> factory.getClass().getName()).toList();
  }

  /**
   * A class loader without the classes under the hidden prefixes, which defines this module's
   * connection classes itself: loaded by the parent, they would see the hidden classes through it.
   */
  private static final class Hiding extends ClassLoader {
    private static final String OWN = "io.github.ollamaclient.spring.connection.";
    private final List<String> hidden;

    Hiding(String... hidden) {
      super(LibrariesAbsentTest.class.getClassLoader());
      this.hidden = List.of(hidden);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (hidden.stream().anyMatch(name::startsWith)) {
          throw new ClassNotFoundException(name + " (hidden)");
        }
        if (!name.startsWith(OWN) || name.contains("Test")) {
          return super.loadClass(name, resolve);
        }
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          byte[] bytes = bytes(name.replace('.', '/') + ".class");
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    private byte[] bytes(String resource) throws ClassNotFoundException {
      try (InputStream in = getParent().getResourceAsStream(resource)) {
        if (in == null) {
          throw new ClassNotFoundException(resource);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
