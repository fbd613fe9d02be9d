package io.github.ollamaclient.spring;

import io.github.ollamaclient.OllamaClient;

/**
 * Refines the auto-configured {@link OllamaClient} after the {@code ollama.*} properties are
 * applied, for settings that have no property (an {@link okhttp3.OkHttpClient} with a proxy or TLS,
 * a User-Agent suffix, ...). Customizer beans run in {@link org.springframework.core.Ordered
 * Ordered} / {@link org.springframework.core.annotation.Order @Order} order, so a later one wins.
 *
 * <pre>{@code
 * @Bean
 * OllamaClientBuilderCustomizer userAgent() {
 *   return builder -> builder.userAgentSuffix("my-app/1.2");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface OllamaClientBuilderCustomizer {

  /** Adjusts the builder the client is about to be built from. */
  void customize(OllamaClient.Builder builder);
}
