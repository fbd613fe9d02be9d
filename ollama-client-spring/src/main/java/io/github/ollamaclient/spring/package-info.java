/**
 * Spring Boot auto-configuration for ollama-client: an {@link io.github.ollamaclient.OllamaClient}
 * bean built from {@code ollama.*} properties ({@link
 * io.github.ollamaclient.spring.OllamaClientProperties}) and refined by {@link
 * io.github.ollamaclient.spring.OllamaClientBuilderCustomizer} beans.
 *
 * <pre>{@code
 * ollama:
 *   base-url: http://localhost:11434
 *   read-timeout: 5m
 * }</pre>
 *
 * <p>The server's address comes from the {@link
 * io.github.ollamaclient.spring.OllamaConnectionDetails} bean, which Docker Compose and
 * Testcontainers service connections ({@code ...spring.connection}) provide ahead of the
 * properties.
 *
 * <p>Works on Spring Boot 4.x and 3.5.x. Health lives in {@code ...spring.health}, Micrometer
 * metrics in {@code ...spring.metrics}.
 */
package io.github.ollamaclient.spring;
