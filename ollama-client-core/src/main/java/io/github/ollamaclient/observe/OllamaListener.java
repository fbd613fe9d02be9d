package io.github.ollamaclient.observe;

/**
 * Hears of every call the client finishes, successful or not: a hook for metrics and tracing.
 *
 * <pre>{@code
 * OllamaClient client = OllamaClient.builder()
 *     .listener(event -> log.info("{} {} took {}", event.operation(), event.model(), event.duration()))
 *     .build();
 * }</pre>
 *
 * <p>Called on the thread that finished the call (for a stream, the thread that read its end or
 * closed it), so keep it fast. An exception it throws is logged and otherwise ignored: a listener
 * never breaks a call.
 */
@FunctionalInterface
public interface OllamaListener {

  /** A listener that does nothing. */
  OllamaListener NONE = event -> {};

  /**
   * A call finished: a plain call when its answer was read, a stream when its final chunk arrived,
   * it failed, or it was closed early.
   */
  void onCallFinished(CallEvent event);
}
