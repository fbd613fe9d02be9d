package io.github.ollamaclient.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics for the auto-configured client, when Micrometer is on the class path and the
 * application has a {@link MeterRegistry} bean. The {@link OllamaMetricsListener} bean is an {@link
 * io.github.ollamaclient.observe.OllamaListener}, which the client auto-configuration registers
 * beside any listener beans of the application's own.
 */
@AutoConfiguration(
    // Where each Boot line creates its MeterRegistry: Boot 4 names first, then Boot 3.5's.
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(MeterRegistry.class)
public final class OllamaMetricsAutoConfiguration {

  /** The configuration; Spring Boot creates it. */
  public OllamaMetricsAutoConfiguration() {}

  /** The listener that records every call of the client. */
  @Bean
  @ConditionalOnMissingBean
  OllamaMetricsListener ollamaMetricsListener(MeterRegistry registry) {
    return new OllamaMetricsListener(registry);
  }
}
