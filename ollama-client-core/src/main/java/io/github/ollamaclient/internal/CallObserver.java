package io.github.ollamaclient.internal;

import io.github.ollamaclient.error.OllamaCancelledException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.inference.HasMetrics;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.OllamaListener;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports finished calls to the client's {@link OllamaListener}, shielding calls from it. */
final class CallObserver {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  private final OllamaListener listener;

  CallObserver(OllamaListener listener) {
    this.listener = listener;
  }

  /** A call's start, to report its end against. */
  Started start(ApiCall apiCall, boolean streamed) {
    return new Started(apiCall, streamed, System.nanoTime());
  }

  /** A call in flight. */
  final class Started {
    private final ApiCall apiCall;
    private final boolean streamed;
    private final long startNanos;
    private final AtomicBoolean reported = new AtomicBoolean();

    private Started(ApiCall apiCall, boolean streamed, long startNanos) {
      this.apiCall = apiCall;
      this.streamed = streamed;
      this.startNanos = startNanos;
    }

    /** The call ended with {@code answer} (for a stream, its final chunk). */
    void succeeded(Object answer) {
      Optional<Metrics> metrics =
          answer instanceof HasMetrics carrier ? carrier.metrics() : Optional.empty();
      report(CallEvent.Outcome.SUCCESS, Optional.empty(), metrics);
    }

    /** The call ended with {@code error}. */
    void failed(OllamaException error) {
      if (error instanceof OllamaCancelledException) {
        cancelled();
        return;
      }
      report(CallEvent.Outcome.ERROR, Optional.of(error), Optional.empty());
    }

    /** The caller cancelled the call. */
    void cancelled() {
      report(CallEvent.Outcome.CANCELLED, Optional.empty(), Optional.empty());
    }

    private void report(
        CallEvent.Outcome outcome, Optional<OllamaException> error, Optional<Metrics> metrics) {
      // A stream can end in several ways at once (a failure, then close()); report only the first.
      if (!reported.compareAndSet(false, true)) {
        return;
      }
      if (listener == OllamaListener.NONE) {
        return;
      }
      CallEvent event =
          new CallEvent(
              apiCall.operation(),
              apiCall.method(),
              apiCall.path(),
              Optional.ofNullable(apiCall.model()),
              streamed,
              Duration.ofNanos(System.nanoTime() - startNanos),
              outcome,
              error,
              metrics);
      try {
        listener.onCallFinished(event);
      } catch (RuntimeException e) {
        LOG.warn("OllamaListener failed on {} {}; ignored", apiCall.method(), apiCall.path(), e);
      }
    }
  }
}
