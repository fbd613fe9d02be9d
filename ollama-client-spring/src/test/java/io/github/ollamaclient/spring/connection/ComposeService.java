package io.github.ollamaclient.spring.connection;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.StandardEnvironment;

/**
 * A service as Spring Boot reads it from {@code docker compose ps}, without Docker: its name,
 * image, host, published ports (container port to host port) and labels.
 */
record ComposeService(
    String name,
    String imageName,
    String host,
    Map<Integer, Integer> published,
    Map<String, String> labelMap)
    implements RunningService {

  /** A service of this image on 127.0.0.1, with Ollama's port published at {@code hostPort}. */
  static ComposeService ollama(String image, int hostPort) {
    return new ComposeService("ollama", image, "127.0.0.1", Map.of(11434, hostPort), Map.of());
  }

  @Override
  public ImageReference image() {
    return ImageReference.of(imageName);
  }

  @Override
  public ConnectionPorts ports() {
    return new ConnectionPorts() {
      @Override
      public int get(int containerPort) {
        Integer port = published.get(containerPort);
        if (port == null) {
          // Spring Boot's DefaultConnectionPorts says the same.
          throw new IllegalStateException(
              "No host port mapping found for container port " + containerPort);
        }
        return port;
      }

      @Override
      public List<Integer> getAll() {
        return new ArrayList<>(published.values());
      }

      @Override
      public List<Integer> getAll(String protocol) {
        return "tcp".equals(protocol) ? getAll() : List.of();
      }
    };
  }

  @Override
  public Map<String, String> env() {
    return Map.of();
  }

  @Override
  public Map<String, String> labels() {
    return labelMap;
  }

  /**
   * The source Spring Boot hands the factories for this service. Its constructor is package-private
   * (Boot builds sources only from running services); the same on Boot 3.5 and 4.
   */
  DockerComposeConnectionSource source() {
    try {
      Constructor<DockerComposeConnectionSource> constructor =
          DockerComposeConnectionSource.class.getDeclaredConstructor(
              RunningService.class, org.springframework.core.env.Environment.class);
      constructor.setAccessible(true);
      return constructor.newInstance(this, new StandardEnvironment());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Tells an application that these services are up, as {@code spring-boot-docker-compose} does
   * once {@code docker compose up} is done: its listener (the one Boot registers) defines their
   * connection details in the context. Both it and the event are package-private in Boot.
   */
  static void announce(ApplicationContext context, RunningService... services) {
    String pkg = "org.springframework.boot.docker.compose.";
    try {
      Class<?> eventType = Class.forName(pkg + "lifecycle.DockerComposeServicesReadyEvent");
      Constructor<?> eventConstructor =
          eventType.getDeclaredConstructor(ApplicationContext.class, List.class);
      eventConstructor.setAccessible(true);
      ApplicationEvent event =
          (ApplicationEvent) eventConstructor.newInstance(context, List.of(services));
      Constructor<?> listenerConstructor =
          Class.forName(
                  pkg + "service.connection.DockerComposeServiceConnectionsApplicationListener")
              .getDeclaredConstructor();
      listenerConstructor.setAccessible(true);
      @SuppressWarnings("unchecked")
      ApplicationListener<ApplicationEvent> listener =
          (ApplicationListener<ApplicationEvent>) listenerConstructor.newInstance();
      listener.onApplicationEvent(event);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
