/**
 * The {@code ollama} Actuator health indicator: UP with the server's {@code version}, DOWN with the
 * reason, each check bounded by {@code ollama.health.timeout} (default 2s). Switched off with
 * {@code management.health.ollama.enabled=false}.
 *
 * <p>Spring Boot 4 moved the health API from {@code org.springframework.boot.actuate.health} to
 * {@code org.springframework.boot.health.contributor}, so each line has its own indicator and
 * auto-configuration here, each guarded by its line's types: {@link
 * io.github.ollamaclient.spring.health.OllamaHealthIndicator} for Boot 4, {@link
 * io.github.ollamaclient.spring.health.OllamaBoot3HealthIndicator} for Boot 3.5. Both share {@link
 * io.github.ollamaclient.spring.health.OllamaHealthProbe}.
 */
package io.github.ollamaclient.spring.health;
