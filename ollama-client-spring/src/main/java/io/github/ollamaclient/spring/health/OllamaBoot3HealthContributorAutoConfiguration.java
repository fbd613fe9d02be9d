package io.github.ollamaclient.spring.health;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.spring.OllamaClientAutoConfiguration;
import io.github.ollamaclient.spring.OllamaClientProperties;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ollama} health indicator on Spring Boot 3.5 (health API in {@code
 * org.springframework.boot.actuate.health}), when the application has an {@link OllamaClient} bean.
 * Switched off with {@code management.health.ollama.enabled=false}. Stands aside when Boot 4's
 * health API is present, so one indicator is ever registered.
 */
@AutoConfiguration(after = OllamaClientAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(OllamaClient.class)
@EnableConfigurationProperties(OllamaClientProperties.class)
public final class OllamaBoot3HealthContributorAutoConfiguration {

  /** The configuration; Spring Boot creates it. */
  public OllamaBoot3HealthContributorAutoConfiguration() {}

  /** The indicator, named {@code ollama} after its bean name. */
  // On the method, not the class: its condition must only be looked at once the class-level
  // @ConditionalOnClass has found this Boot line's health API.
  @Bean(destroyMethod = "close")
  @ConditionalOnEnabledHealthIndicator("ollama")
  @ConditionalOnMissingBean(name = "ollamaHealthIndicator")
  OllamaBoot3HealthIndicator ollamaHealthIndicator(
      OllamaClient client, OllamaClientProperties properties) {
    return new OllamaBoot3HealthIndicator(
        OllamaHealthProbe.of(client, properties.getHealth().getTimeout()));
  }
}
