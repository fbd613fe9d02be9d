package io.github.ollamaclient.spring.health;

import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code ollama} health indicator on Spring Boot 3.5: UP with details {@code version} and
 * {@code baseUrl}, DOWN with the {@code error} and {@code baseUrl}. Each check is bounded by the
 * probe's timeout. Closing it releases the probe.
 */
public class OllamaBoot3HealthIndicator implements HealthIndicator, AutoCloseable {
  private final OllamaHealthProbe probe;

  /** An indicator that checks through {@code probe}. */
  public OllamaBoot3HealthIndicator(OllamaHealthProbe probe) {
    this.probe = Objects.requireNonNull(probe, "probe");
  }

  @Override
  public Health health() {
    try {
      String version = probe.version();
      return Health.up()
          .withDetail("version", version)
          .withDetail("baseUrl", probe.baseUrl())
          .build();
    } catch (RuntimeException e) {
      return Health.down(e).withDetail("baseUrl", probe.baseUrl()).build();
    }
  }

  /** Releases the probe's client. */
  @Override
  public void close() {
    probe.close();
  }
}
