/**
 * Service connections: the {@link io.github.ollamaclient.spring.OllamaConnectionDetails} of an
 * Ollama that Spring Boot starts for the application, registered in {@code
 * META-INF/spring.factories} as {@code ConnectionDetailsFactory} implementations.
 *
 * <ul>
 *   <li>Docker Compose ({@code spring-boot-docker-compose}): a service running the {@code
 *       ollama/ollama} image, or any image labelled {@code
 *       org.springframework.boot.service-connection: ollama/ollama}, at its host and the port
 *       published for 11434.
 *   <li>Testcontainers ({@code spring-boot-testcontainers} and Testcontainers' Ollama module): an
 *       {@code org.testcontainers.ollama.OllamaContainer} marked {@code @ServiceConnection}.
 * </ul>
 *
 * <p>Neither library is needed: without it Spring Boot never loads the factory that extends its
 * classes (it skips a listed factory that cannot be loaded), and the auto-configuration reads
 * {@code ollama.base-url} as before. Both work the same on Spring Boot 4.x and 3.5.x, whose
 * service-connection types live in the same packages.
 */
package io.github.ollamaclient.spring.connection;
