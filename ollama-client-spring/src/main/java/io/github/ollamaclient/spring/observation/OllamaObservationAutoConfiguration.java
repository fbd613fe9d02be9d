package io.github.ollamaclient.spring.observation;

import io.github.ollamaclient.spring.OllamaClientProperties;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * An observation of every call of the auto-configured client, when Micrometer's observation API is
 * on the class path and the application has an {@link ObservationRegistry} bean (Spring Boot makes
 * one with Actuator). The {@link OllamaObservationListener} bean is an {@link
 * io.github.ollamaclient.observe.OllamaListener}, registered on the client with the others; an
 * {@link OllamaObservationConvention} bean replaces the default convention.
 */
@AutoConfiguration(
    // Where each Boot line creates its ObservationRegistry: Boot 4's name first, then Boot 3.5's.
    afterName = {
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"
    })
@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnBean(ObservationRegistry.class)
@EnableConfigurationProperties(OllamaClientProperties.class)
public final class OllamaObservationAutoConfiguration {

  /** The configuration; Spring Boot creates it. */
  public OllamaObservationAutoConfiguration() {}

  /** The listener that observes every call of the client. */
  @Bean
  @ConditionalOnMissingBean
  OllamaObservationListener ollamaObservationListener(
      ObservationRegistry registry,
      ObjectProvider<OllamaObservationConvention> convention,
      OllamaClientProperties properties) {
    return new OllamaObservationListener(
        registry, convention.getIfUnique(), properties.getObservations().isIncludeContent());
  }
}
