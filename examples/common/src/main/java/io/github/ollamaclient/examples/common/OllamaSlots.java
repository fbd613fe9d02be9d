package io.github.ollamaclient.examples.common;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many calls a service has running in Ollama at once. One Ollama serves a few requests in
 * parallel ({@code OLLAMA_NUM_PARALLEL}) and queues the rest on its GPU; without a bound here, one
 * page could queue hundreds. A call beyond {@code app.max-concurrent} waits in a short queue
 * ({@code app.queue-size}, at most {@code app.queue-timeout}); beyond that it is refused at once
 * with {@link OllamaBusyException} (503 and a {@code Retry-After}), so the page can say "busy"
 * instead of hanging.
 */
public final class OllamaSlots {
  private final Semaphore slots;
  private final int maxConcurrent;
  private final int queueSize;
  private final Duration queueTimeout;
  private final AtomicInteger waiting = new AtomicInteger();

  /**
   * Creates the slots.
   *
   * @param maxConcurrent calls running at once ({@code app.max-concurrent}); at least 1
   * @param queueSize calls that may wait for a slot ({@code app.queue-size}); 0 refuses at once
   * @param queueTimeout how long a call waits for a slot ({@code app.queue-timeout}); the services'
   *     properties check all three when they are bound, naming the property
   */
  public OllamaSlots(int maxConcurrent, int queueSize, Duration queueTimeout) {
    this.maxConcurrent = maxConcurrent;
    this.queueSize = queueSize;
    this.queueTimeout = queueTimeout;
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
  public int available() {
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
  public Duration retryAfter() {
    return Duration.ofSeconds(Math.max(1, queueTimeout.toSeconds()));
  }

  /** A taken slot; closing it (once, however often called) frees it for the next call. */
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
