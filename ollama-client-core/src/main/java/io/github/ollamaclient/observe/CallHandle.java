package io.github.ollamaclient.observe;

/**
 * Hears of the end of one call, the call whose start {@link OllamaListener#onCallStarted} returned
 * it for. A tracing listener keeps the call's span in it, so that every end meets its own start
 * however many calls run at once, with no map from calls to spans.
 */
@FunctionalInterface
public interface CallHandle {

  /** A handle that does nothing. */
  CallHandle NONE = event -> {};

  /**
   * The call ended, once: a plain call when its answer was read or it failed; a stream at its final
   * chunk, its failure, its {@code cancel()} or {@code close()}, or, for a stream dropped without
   * either, when the garbage collector finds it (see {@link OllamaListener}).
   */
  void onCallFinished(CallEvent event);
}
