package io.github.ollamaclient.observe;

/**
 * Hears of every call the client makes, successful or not: a hook for metrics and tracing.
 *
 * <pre>{@code
 * OllamaClient client = OllamaClient.builder()
 *     .listener(event -> log.info("{} {} took {}", event.operation(), event.model(), event.duration()))
 *     .build();
 * }</pre>
 *
 * <p>A listener that needs the start of each call too (a span starts before the call is sent, on
 * the caller's thread, where its parent is current) overrides {@link #onCallStarted}: the {@link
 * CallHandle} it returns hears that call's end, and {@link #onCallFinished} is then not called for
 * it.
 *
 * <p>{@code onCallStarted} runs on the thread that starts the call: the caller's for plain calls,
 * streams and the {@code *Async} methods, the subscribing thread for the {@code *Flow} publishers.
 * The end comes on the thread that finished the call (for a stream, the thread that read its end or
 * closed it), so keep both fast. An exception either throws is logged and otherwise ignored: a
 * listener never breaks a call.
 *
 * <p>Every call that starts ends exactly once. A {@code ResponseStream} that its caller drops
 * without reading it to its end or closing it is cancelled (its HTTP call aborted, so the server
 * stops) when the garbage collector finds it unreachable, and ends then as {@link
 * CallEvent.Outcome#CANCELLED}, on the cleaner's thread: an honest but late end, since when that
 * happens is up to the collector. Close streams, best with try-with-resources.
 */
@FunctionalInterface
public interface OllamaListener {

  /** A listener that does nothing. */
  OllamaListener NONE = event -> {};

  /**
   * A call finished: a plain call when its answer was read, a stream when its final chunk arrived,
   * it failed, or it was closed early. Called through the handle that {@link #onCallStarted}
   * returns, which by default is this method.
   */
  void onCallFinished(CallEvent event);

  /**
   * A call is about to be sent. Returns what hears its end; this default hands the end to {@link
   * #onCallFinished}. Never return null. When this method throws, the failure is logged and the
   * call's end goes to {@link #onCallFinished}.
   */
  default CallHandle onCallStarted(CallStart start) {
    return this::onCallFinished;
  }

  /**
   * A chat or generate call's prompt filled the model's context window, so Ollama likely cut it
   * (see {@link PromptTruncation} and {@link TruncationCheck}). Called after the call's end, on the
   * same thread; this default ignores it.
   */
  default void onPromptTruncated(PromptTruncation truncation) {}
}
