package io.github.ollamaclient.internal;

import io.github.ollamaclient.error.OllamaCancelledException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.inference.HasMetrics;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallHandle;
import io.github.ollamaclient.observe.CallStart;
import io.github.ollamaclient.observe.OllamaListener;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the client's {@link OllamaListener} of each call's start and end, shielding calls from it.
 */
final class CallObserver {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  private final OllamaListener listener;
  private final String serverAddress;
  private final int serverPort;

  CallObserver(OllamaListener listener, String serverAddress, int serverPort) {
    this.listener = listener;
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
  }

  /**
   * A call's start, to report its end against. The listener hears of it here, on the thread that
   * starts the call, so that a span finds its parent where the caller made it current.
   */
  Started start(ApiCall apiCall, boolean streamed) {
    if (listener == OllamaListener.NONE) {
      return new Started(apiCall, streamed, CallHandle.NONE);
    }
    CallStart start =
        new CallStart(
            apiCall.operation(),
            apiCall.method(),
            apiCall.path(),
            Optional.ofNullable(apiCall.model()),
            streamed,
            serverAddress,
            serverPort,
            apiCall.payload().request());
    CallHandle handle;
    try {
      handle = Objects.requireNonNull(listener.onCallStarted(start), "onCallStarted returned null");
    } catch (RuntimeException e) {
      LOG.warn("OllamaListener failed on {} {}; ignored", apiCall.method(), apiCall.path(), e);
      handle = listener::onCallFinished;
    }
    return new Started(apiCall, streamed, handle);
  }

  /** A call in flight. */
  final class Started {
    private final ApiCall apiCall;
    private final boolean streamed;
    private final CallHandle handle;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean reported = new AtomicBoolean();

    private Started(ApiCall apiCall, boolean streamed, CallHandle handle) {
      this.apiCall = apiCall;
      this.streamed = streamed;
      this.handle = handle;
    }

    /**
     * Whether anyone hears the end; when not, a stream need not join its whole answer for the
     * event.
     */
    boolean listening() {
      return handle != CallHandle.NONE;
    }

    /** Whether the call's end was reported already. */
    boolean ended() {
      return reported.get();
    }

    /** The call ended with {@code answer} (for a stream, its whole answer or final chunk). */
    void succeeded(Object answer) {
      Optional<Metrics> metrics = Optional.empty();
      Optional<Object> inference = Optional.empty();
      if (answer instanceof HasMetrics carrier) {
        // Chat, generate and embed answers: the ones a tracer reads the model and tokens from.
        metrics = carrier.metrics();
        inference = Optional.of(answer);
      }
      report(CallEvent.Outcome.SUCCESS, Optional.empty(), metrics, inference);
    }

    /** The call ended with {@code error}. */
    void failed(OllamaException error) {
      if (error instanceof OllamaCancelledException) {
        cancelled();
        return;
      }
      report(CallEvent.Outcome.ERROR, Optional.of(error), Optional.empty(), Optional.empty());
    }

    /** The caller cancelled the call. */
    void cancelled() {
      report(CallEvent.Outcome.CANCELLED, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private void report(
        CallEvent.Outcome outcome,
        Optional<OllamaException> error,
        Optional<Metrics> metrics,
        Optional<Object> answer) {
      // A stream can end in several ways at once (a failure, then close()); report only the first.
      if (!reported.compareAndSet(false, true)) {
        return;
      }
      if (handle == CallHandle.NONE) {
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
              metrics,
              answer);
      try {
        handle.onCallFinished(event);
      } catch (RuntimeException e) {
        LOG.warn("OllamaListener failed on {} {}; ignored", apiCall.method(), apiCall.path(), e);
      }
    }
  }
}
