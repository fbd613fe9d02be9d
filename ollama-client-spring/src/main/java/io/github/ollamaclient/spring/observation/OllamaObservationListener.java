package io.github.ollamaclient.spring.observation;

import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallHandle;
import io.github.ollamaclient.observe.CallStart;
import io.github.ollamaclient.observe.OllamaListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Makes an {@link Observation} of every call: started when the call starts, on the caller's thread
 * (so its parent is the observation current there, such as the incoming HTTP request's), and
 * stopped when the call ends (a stream's at its final chunk, its error, or its cancel or close; a
 * stream dropped unclosed when it is collected, see {@link OllamaListener}). A failed call's
 * observation carries the exception.
 */
public class OllamaObservationListener implements OllamaListener {
  private static final OllamaObservationConvention DEFAULT_CONVENTION =
      new DefaultOllamaObservationConvention();

  private final ObservationRegistry registry;
  private final OllamaObservationConvention customConvention;
  private final boolean includeContent;

  /** A listener observing into {@code registry} with the default convention, without content. */
  public OllamaObservationListener(ObservationRegistry registry) {
    this(registry, null, false);
  }

  /**
   * A listener observing into {@code registry}.
   *
   * @param convention the convention that replaces the default; {@code null} for the default (or a
   *     global convention registered on the registry)
   * @param includeContent whether prompts and answers go into the observations
   */
  public OllamaObservationListener(
      ObservationRegistry registry,
      OllamaObservationConvention convention,
      boolean includeContent) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.customConvention = convention;
    this.includeContent = includeContent;
  }

  /** Starts the call's observation; the handle stops it. */
  @Override
  public CallHandle onCallStarted(CallStart start) {
    if (registry.isNoop()) {
      return CallHandle.NONE;
    }
    OllamaObservationContext context = new OllamaObservationContext(start, includeContent);
    Observation observation =
        OllamaObservationDocumentation.CLIENT_OPERATION.observation(
            customConvention, DEFAULT_CONVENTION, () -> context, registry);
    if (observation.isNoop()) {
      // Switched off by a predicate, such as management.observations.enable.gen_ai=false.
      return CallHandle.NONE;
    }
    observation.start();
    return event -> {
      context.setCallEvent(event);
      event.error().ifPresent(observation::error);
      observation.stop();
    };
  }

  /**
   * Does nothing: each call's observation is stopped by the handle {@link #onCallStarted} returned,
   * and every call starts there.
   */
  @Override
  public void onCallFinished(CallEvent event) {}
}
