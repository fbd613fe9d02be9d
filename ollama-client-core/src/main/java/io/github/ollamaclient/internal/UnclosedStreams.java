package io.github.ollamaclient.internal;

import java.lang.ref.Cleaner;
import okhttp3.Call;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the streams their callers drop without reading them to the end or closing them. Such a
 * stream would hold its HTTP call open (and the server generating) and its call would never be
 * reported, so a span opened for it would never end. A {@link Cleaner} notices when the stream
 * becomes unreachable, then aborts the call, releases the connection and reports the call
 * cancelled. No finalizer: the action holds the call, never the stream.
 */
final class UnclosedStreams {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  /** One daemon thread for the whole JVM, started with the first stream handed to a caller. */
  private static final Cleaner CLEANER =
      Cleaner.create(action -> new Thread(action, "ollama-client-unclosed-streams"));

  private UnclosedStreams() {}

  /** Ends the call of {@code stream} once the stream is unreachable, unless it ended before. */
  static void watch(
      Object stream, ApiCall apiCall, Call call, Response response, CallObserver.Started observed) {
    CLEANER.register(stream, new Abandon(apiCall, call, response, observed));
  }

  /** What runs once the stream is unreachable; it must not hold the stream itself. */
  private record Abandon(
      ApiCall apiCall, Call call, Response response, CallObserver.Started observed)
      implements Runnable {
    @Override
    public void run() {
      if (observed.ended()) {
        // Read to its end, failed, or closed: nothing left open.
        return;
      }
      LOG.warn(
          "{} stream was dropped without close() before its end; cancelled it. Close streams,"
              + " best with try-with-resources.",
          apiCall.describe());
      call.cancel();
      try {
        response.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the dropped {} stream failed", apiCall.describe(), e);
      }
      observed.cancelled();
    }
  }
}
