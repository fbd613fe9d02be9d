package io.github.ollamaclient.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a call. Define a bean of this type to replace {@link
 * DefaultOllamaObservationConvention} (or extend it and override a key's method); a {@link
 * io.micrometer.observation.GlobalObservationConvention} registered on the registry also wins over
 * the default.
 */
public interface OllamaObservationConvention
    extends ObservationConvention<OllamaObservationContext> {

  /** Only the observations of this client's calls. */
  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof OllamaObservationContext;
  }
}
