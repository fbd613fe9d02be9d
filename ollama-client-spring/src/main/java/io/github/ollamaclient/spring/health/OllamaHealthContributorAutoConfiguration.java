package io.github.ollamaclient.spring.health;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.spring.OllamaClientAutoConfiguration;
import io.github.ollamaclient.spring.OllamaClientProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ollama} health indicator on Spring Boot 4 (health API in {@code
 * org.springframework.boot.health}), when the application has an {@link OllamaClient} bean.
 * Switched off with {@code management.health.ollama.enabled=false}.
 */
@AutoConfiguration(after = OllamaClientAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(OllamaClient.class)
@EnableConfigurationProperties(OllamaClientProperties.class)
public final class OllamaHealthContributorAutoConfiguration {

  /** The configuration; Spring Boot creates it. */
  public OllamaHealthContributorAutoConfiguration() {}

  /** The indicator, named {@code ollama} after its bean name. */
  // On the method, not the class: its condition must only be looked at once the class-level
  // @ConditionalOnClass has found this Boot line's health API.
  @Bean(destroyMethod = "close")
  @ConditionalOnEnabledHealthIndicator("ollama")
  @ConditionalOnMissingBean(name = "ollamaHealthIndicator")
  OllamaHealthIndicator ollamaHealthIndicator(
      OllamaClient client, OllamaClientProperties properties) {
    return new OllamaHealthIndicator(
        OllamaHealthProbe.of(client, properties.getHealth().getTimeout()));
  }
}
