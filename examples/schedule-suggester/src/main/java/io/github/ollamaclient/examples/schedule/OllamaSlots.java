package io.github.ollamaclient.examples.schedule;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests the service has asking Ollama at once. One Ollama serves a few requests in
 * parallel ({@code OLLAMA_NUM_PARALLEL}) and queues the rest on its GPU; without a bound here, one
 * page could queue hundreds. A request beyond {@code app.max-concurrent} waits in a short queue
 * ({@code app.queue-size}, at most {@code app.queue-timeout}); beyond that it is refused at once
 * with 503 and a {@code Retry-After}, so the page can say "busy" instead of hanging.
 *
 * <p>The counterpart of the cors-proxy's {@code OllamaSlots}. One slot is held for a whole
 * suggestion, the model's answer and its retry together: the retry is part of the same request, and
 * a request that got its first answer should not queue again behind newer ones.
 */
public final class OllamaSlots {
  private final Semaphore slots;
  private final int maxConcurrent;
  private final int queueSize;
  private final Duration queueTimeout;
  private final AtomicInteger waiting = new AtomicInteger();

  /** Creates the slots from {@code app.max-concurrent}, {@code app.queue-*}. */
  public OllamaSlots(SuggesterProperties properties) {
    this.maxConcurrent = properties.maxConcurrent();
    this.queueSize = properties.queueSize();
    this.queueTimeout = properties.queueTimeout();
    this.slots = new Semaphore(maxConcurrent, true);
  }

  /**
   * A slot, waited for in the queue if all are taken.
   *
   * @throws OllamaBusyException when the queue is full, or no slot freed up in time
   */
  public Slot take() {
    if (slots.tryAcquire()) {
      return new Slot();
    }
    if (waiting.incrementAndGet() > queueSize) {
      waiting.decrementAndGet();
      throw busy("the queue is full (app.queue-size " + queueSize + ")");
    }
    try {
      if (!slots.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw busy(
            "no slot freed up within " + queueTimeout.toMillis() + " ms (app.queue-timeout)");
      }
      return new Slot();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy("the request was interrupted while it waited");
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** Slots free right now, for tests and the log. */
  int available() {
    return slots.availablePermits();
  }

  private OllamaBusyException busy(String why) {
    return new OllamaBusyException(
        "Ollama is busy: "
            + maxConcurrent
            + " request(s) are running (app.max-concurrent) and "
            + why
            + "; try again in "
            + retryAfter().toSeconds()
            + " s",
        retryAfter());
  }

  /** What a refused page is told to wait: about as long as the queue would have taken. */
  Duration retryAfter() {
    return Duration.ofSeconds(Math.max(1, queueTimeout.toSeconds()));
  }

  /** A taken slot; closing it (once, however often called) frees it for the next request. */
  public final class Slot implements AutoCloseable {
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot() {}

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        slots.release();
      }
    }
  }
}
