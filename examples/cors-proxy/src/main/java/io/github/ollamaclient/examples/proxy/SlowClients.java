package io.github.ollamaclient.examples.proxy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Gives up on a page that stops reading a streamed answer. Writing to it then blocks once the
 * socket's buffers are full, and the stream's Ollama slot would stay taken, the model generating
 * for nobody, until the connection timed out. A write blocked longer than {@code
 * app.client-write-timeout} ends the Ollama call and frees its slot at once; the blocked write
 * fails on its own later.
 */
@Component
final class SlowClients implements DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(SlowClients.class);

  private final long limitNanos;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "slow-clients");
            thread.setDaemon(true);
            return thread;
          });

  SlowClients(ProxyProperties properties) {
    Duration limit = properties.getClientWriteTimeout();
    this.limitNanos = limit.toNanos();
    long period = Math.max(10, Math.min(500, limit.toMillis() / 4));
    timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  /** Watches one stream's writes; {@code giveUp} runs once if a write stays blocked too long. */
  Watch watch(Runnable giveUp) {
    Watch watch = new Watch(giveUp);
    watches.add(watch);
    return watch;
  }

  private void check() {
    long now = System.nanoTime();
    for (Watch watch : watches) {
      long since = watch.writingSince;
      if (since != 0 && now - since > limitNanos) {
        watch.fire();
      }
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }

  /** One stream's write state; close it when the stream ends. */
  final class Watch implements AutoCloseable {
    private final Runnable giveUp;
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile long writingSince;

    private Watch(Runnable giveUp) {
      this.giveUp = giveUp;
    }

    /** A write to the page starts. */
    void writing() {
      writingSince = System.nanoTime();
    }

    /** The write is done. */
    void written() {
      writingSince = 0;
    }

    /** Whether this stream was given up on. */
    boolean gaveUp() {
      return fired.get();
    }

    /** What the page is told, should it read again. */
    String reason() {
      return "this page stopped reading the answer for over "
          + TimeUnit.NANOSECONDS.toMillis(limitNanos)
          + " ms (app.client-write-timeout), so the proxy ended it to free Ollama for others";
    }

    private void fire() {
      if (fired.compareAndSet(false, true)) {
        LOG.info(
            "a page stopped reading its stream for over {} ms: ending the Ollama call, freeing its"
                + " slot",
            TimeUnit.NANOSECONDS.toMillis(limitNanos));
        giveUp.run();
      }
    }

    @Override
    public void close() {
      watches.remove(this);
    }
  }
}
