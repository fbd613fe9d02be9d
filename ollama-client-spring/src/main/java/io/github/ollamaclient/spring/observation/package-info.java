/**
 * A Micrometer {@link io.micrometer.observation.Observation} for every call the client makes, when
 * the application has an {@link io.micrometer.observation.ObservationRegistry} bean: named {@value
 * io.github.ollamaclient.spring.observation.DefaultOllamaObservationConvention#NAME} and tagged
 * after OpenTelemetry's semantic conventions for generative AI clients, so that Spring Boot's
 * tracing makes a client span of each call and its metrics a timer. Prompts and answers are left
 * out unless {@code ollama.observations.include-content} is true.
 */
package io.github.ollamaclient.spring.observation;
