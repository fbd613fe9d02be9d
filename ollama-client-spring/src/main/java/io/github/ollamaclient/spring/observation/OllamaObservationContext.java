package io.github.ollamaclient.spring.observation;

import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallStart;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link OllamaObservationConvention} reads a call's keys from: its start, and once it has
 * ended, its end.
 *
 * <p>A sender context of kind {@link Kind#CLIENT}, so that tracing makes a client span of it, as
 * the conventions ask. Nothing is propagated: Ollama reads no trace headers, so none are sent.
 */
public class OllamaObservationContext extends SenderContext<Object> {
  private final CallStart callStart;
  private final boolean contentIncluded;
  private volatile CallEvent callEvent;

  /**
   * A context for the call {@code callStart} starts.
   *
   * @param contentIncluded whether prompts and answers may go into the observation
   */
  public OllamaObservationContext(CallStart callStart, boolean contentIncluded) {
    super((carrier, key, value) -> {}, Kind.CLIENT);
    this.callStart = Objects.requireNonNull(callStart, "callStart");
    this.contentIncluded = contentIncluded;
    setRemoteServiceName("ollama");
    String host = callStart.serverAddress();
    setRemoteServiceAddress(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + callStart.serverPort());
  }

  /** The call's start. */
  public CallStart getCallStart() {
    return callStart;
  }

  /** The call's end; empty while it runs. */
  public Optional<CallEvent> getCallEvent() {
    return Optional.ofNullable(callEvent);
  }

  /** Records the call's end, before the observation stops. */
  public void setCallEvent(CallEvent callEvent) {
    this.callEvent = Objects.requireNonNull(callEvent, "callEvent");
  }

  /**
   * Whether prompts and answers may go into the observation ({@code
   * ollama.observations.include-content}).
   */
  public boolean isContentIncluded() {
    return contentIncluded;
  }
}
