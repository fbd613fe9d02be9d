package io.github.ollamaclient.internal;

import io.github.ollamaclient.error.OllamaCancelledException;
import io.github.ollamaclient.error.OllamaException;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A streamed call as a {@link Flow.Publisher}, with the Reactive Streams contract (checked by its
 * TCK in the tests):
 *
 * <ul>
 *   <li><b>Cold, any number of subscribers.</b> Each subscription sends the request anew, so each
 *       subscriber sees a whole answer of its own (and the model generates once per subscriber).
 *   <li><b>When the call is sent.</b> Right after {@code onSubscribe} returns, unless the
 *       subscriber cancelled in it. The status is read then, so a refused call (unknown model, an
 *       error status, an unreachable server) reaches {@code onError} without any demand, as rule
 *       1.4 allows. Retries follow the client's policy, waiting without blocking a thread.
 *   <li><b>Demand.</b> Lines are read from the body only while there is demand: a subscriber that
 *       requested 2 gets 2 chunks and the rest waits in the socket (and, past its buffers, in the
 *       server). {@code onComplete} follows the final chunk at once, without further demand.
 *   <li><b>Threads.</b> Chunks are read and signalled on the executor of the client's OkHttp
 *       dispatcher, never on the thread that calls {@code request} or {@code cancel}; those only
 *       update counters and abort the call. One drain at a time signals, so signals are serial
 *       (rule 1.3) and a {@code request} from {@code onNext} does not recurse (rule 3.3).
 *   <li><b>Errors.</b> The same exceptions as the blocking stream's, through {@code onError}.
 *       {@code request(n)} with {@code n <= 0} aborts the call and signals {@link
 *       IllegalArgumentException} (rule 3.9).
 *   <li><b>Cancel.</b> Aborts the HTTP call, so the server stops generating; nothing is signalled
 *       after it, and the subscriber is no longer referenced (rule 3.13).
 * </ul>
 *
 * @param <T> the chunk type
 */
final class StreamPublisher<T> implements Flow.Publisher<T> {
  private final Transport transport;
  private final ApiCall apiCall;
  private final StreamSpec<T> spec;

  StreamPublisher(Transport transport, ApiCall apiCall, StreamSpec<T> spec) {
    this.transport = transport;
    this.apiCall = apiCall;
    this.spec = spec;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
    new StreamSubscription<>(this, subscriber).start();
  }

  @Override
  public String toString() {
    return "StreamPublisher[" + apiCall.describe() + "]";
  }

  /** One subscriber's call: its state from the request sent to the terminal signal. */
  private static final class StreamSubscription<T>
      implements Flow.Subscription, StreamCall.Sink<T> {
    private final StreamPublisher<T> publisher;
    private final Executor executor;

    /** Cleared at the end (terminal signal or cancel), so the subscriber can be collected. */
    private volatile Flow.Subscriber<? super T> subscriber;

    /** Outstanding demand; {@link Long#MAX_VALUE} means unbounded. */
    private final AtomicLong requested = new AtomicLong();

    /**
     * How many times the drain was asked for; the thread that moves it from 0 runs the drain. It
     * starts at 1, held by {@code onSubscribe}, so that nothing is signalled before it returns.
     */
    private final AtomicInteger wip = new AtomicInteger(1);

    /** An error to signal: the call's failure before its stream, or a non-positive request. */
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    /** Set by {@code cancel} and by a terminal signal: from then on, nothing is signalled. */
    private volatile boolean done;

    /** The call, once sent; read by {@code cancel}, from any thread. */
    private volatile StreamCall<T> call;

    private volatile NdjsonResponseStream<T> stream;

    /** The stream's iterator; touched by the drain alone. */
    private Iterator<T> chunks;

    StreamSubscription(StreamPublisher<T> publisher, Flow.Subscriber<? super T> subscriber) {
      this.publisher = publisher;
      this.subscriber = subscriber;
      this.executor = publisher.transport.http().dispatcher().executorService();
    }

    /** Hands the subscription over, then sends the call (unless cancelled meanwhile). */
    void start() {
      try {
        subscriber.onSubscribe(this);
      } catch (RuntimeException | Error e) {
        // Rule 2.13: a subscriber that throws has broken the contract; it gets nothing more.
        done = true;
        subscriber = null;
        return;
      }
      if (!done) {
        try {
          StreamCall<T> sent =
              new StreamCall<>(publisher.transport, publisher.apiCall, publisher.spec, true);
          call = sent;
          sent.enqueue(this);
          if (done) {
            // cancel() ran before the call was assigned and may not have seen it.
            sent.cancel();
          }
        } catch (RuntimeException e) {
          // Rule 1.9: subscribe does not throw; whatever stopped the call goes to onError.
          error.compareAndSet(null, e);
        }
      }
      // onSubscribe has returned: hand the drain over if anything asked for it meanwhile.
      if (wip.decrementAndGet() != 0) {
        startDrain();
      }
    }

    // ---- the call's outcome (OkHttp's threads) -------------------------------------------------

    @Override
    public void opened(NdjsonResponseStream<T> opened) {
      stream = opened;
      schedule();
    }

    @Override
    public void failed(OllamaException failure) {
      error.compareAndSet(null, failure);
      schedule();
    }

    // ---- the subscriber's calls (any thread; never blocking on I/O) ----------------------------

    @Override
    public void request(long n) {
      if (n <= 0) {
        error.compareAndSet(
            null,
            new IllegalArgumentException(
                "rule 3.9: non-positive subscription request: request(" + n + ")"));
        abortCall();
      } else {
        long current;
        long next;
        do {
          current = requested.get();
          if (current == Long.MAX_VALUE) {
            break;
          }
          next = current + n;
          if (next < 0) {
            next = Long.MAX_VALUE; // rule 3.17: demand past Long.MAX_VALUE is unbounded
          }
        } while (!requested.compareAndSet(current, next));
      }
      schedule();
    }

    @Override
    public void cancel() {
      if (done) {
        return;
      }
      done = true;
      // Ended for listeners now, even while waiting to retry.
      abortCall();
      // The drain closes the stream and lets go of the subscriber.
      schedule();
    }

    /**
     * Cancels the call: a read under way fails at once, no line is read any more, and listeners
     * hear of it unless it ended already.
     */
    private void abortCall() {
      StreamCall<T> current = call;
      if (current != null) {
        current.cancel();
      }
    }

    // ---- the drain: the only place that reads chunks and signals ------------------------------

    private void schedule() {
      if (wip.getAndIncrement() == 0) {
        startDrain();
      }
    }

    /** Runs the drain, which this thread owns now, on the executor: never on the caller's. */
    private void startDrain() {
      try {
        executor.execute(this::run);
      } catch (RejectedExecutionException e) {
        // The client was closed: its threads are gone. Say so, from here; with the call aborted,
        // the drain reads nothing more and only signals.
        error.compareAndSet(
            null,
            new OllamaCancelledException(
                publisher.apiCall.describe() + " was cancelled: the client is closed"));
        abortCall();
        run();
      }
    }

    private void run() {
      int missed = 1;
      do {
        drain();
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }

    private void drain() {
      while (true) {
        Flow.Subscriber<? super T> target = subscriber;
        if (done || target == null) {
          release();
          return;
        }
        Throwable failure = error.get();
        if (failure != null) {
          terminate();
          signal(() -> target.onError(failure));
          return;
        }
        NdjsonResponseStream<T> current = stream;
        if (current == null || requested.get() == 0) {
          return;
        }
        T chunk;
        try {
          if (chunks == null) {
            chunks = current.iterator();
          }
          if (!chunks.hasNext()) {
            // Only an aborted call ends without its final chunk here (it completes at once
            // after it): the reason is in done or error, seen on the next turn.
            if (!done && error.get() == null) {
              terminate();
              signal(target::onComplete);
              return;
            }
            continue;
          }
          chunk = chunks.next();
        } catch (RuntimeException e) {
          if (!done) {
            error.compareAndSet(null, e);
          }
          continue;
        }
        if (done) {
          continue;
        }
        if (requested.get() != Long.MAX_VALUE) {
          requested.decrementAndGet();
        }
        try {
          target.onNext(chunk);
        } catch (RuntimeException | Error e) {
          // Rule 2.13: the subscriber broke the contract; stop the call and signal nothing more.
          cancel();
          continue;
        }
        if (current.finalChunk().isPresent() && !done) {
          terminate();
          signal(target::onComplete);
          return;
        }
      }
    }

    /**
     * Sends a terminal signal. A subscriber that throws from it breaks rule 2.13; the drain goes on
     * regardless, so that later calls still find it in order.
     */
    private static void signal(Runnable terminal) {
      try {
        terminal.run();
      } catch (RuntimeException e) {
        // Nothing is signalled after a terminal signal, so there is no one left to tell.
      }
    }

    /** Before a terminal signal: nothing is signalled after it, and the stream is released. */
    private void terminate() {
      done = true;
      release();
    }

    /** Closes the stream (aborting the call if it is not over) and forgets the subscriber. */
    private void release() {
      subscriber = null;
      abortCall();
    }
  }
}
