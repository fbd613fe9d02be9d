package io.github.ollamaclient.internal;

import io.github.ollamaclient.error.OllamaCancelledException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Call;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ResponseStream} over one NDJSON response body: the state machine of iterating,
 * cancelling and closing. The body is framed into lines by {@link NdjsonLines}, each line decoded
 * by a {@link ChunkDecoder}, and failures worded by {@link Failures}.
 */
final class NdjsonResponseStream<T> implements ResponseStream<T> {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  private final Call call;
  private final Response response;
  private final StreamSpec<T> spec;
  private final ApiCall apiCall;
  private final Failures failures;
  private final NdjsonLines lines;
  private final ChunkDecoder<T> decoder;
  private final StreamSpec.Accumulator<T> accumulator;
  private final CallObserver.Started observed;
  private final long openedAt = System.nanoTime();

  /**
   * Held while the iterating thread reads. Closing the body drains the socket, so a {@link
   * #cancel()} or {@link #close()} from another thread must not close it while a read is under way:
   * okio's sources are single-threaded. The reader closes it itself when its read fails.
   */
  private final ReentrantLock readLock = new ReentrantLock();

  private volatile boolean cancelled;
  private volatile boolean finished;
  private boolean iterated;
  private OllamaException failure;
  private T pending;
  private T finalChunk;

  /** The whole answer, joined at the final chunk when a listener wants it; else null. */
  private T whole;

  private long delivered;

  NdjsonResponseStream(
      Call call,
      Response response,
      StreamSpec<T> spec,
      ApiCall apiCall,
      Failures failures,
      long maxLineBytes,
      CallObserver.Started observed) {
    this.call = call;
    this.response = response;
    this.spec = spec;
    this.apiCall = apiCall;
    this.failures = failures;
    this.lines = new NdjsonLines(response.body().source(), apiCall, maxLineBytes);
    this.decoder = new ChunkDecoder<>(spec, apiCall);
    this.accumulator = spec.accumulator().get();
    this.observed = observed;
  }

  @Override
  public Iterator<T> iterator() {
    if (iterated) {
      throw new IllegalStateException(
          apiCall.describe()
              + " stream can be iterated only once; use aggregate() for the whole"
              + " answer");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return advance();
      }

      @Override
      public T next() {
        if (!advance()) {
          throw new NoSuchElementException();
        }
        T chunk = pending;
        pending = null;
        delivered++;
        return chunk;
      }
    };
  }

  @Override
  public Stream<T> stream() {
    Spliterator<T> spliterator =
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false).onClose(this::close);
  }

  @Override
  public Optional<T> finalChunk() {
    return Optional.ofNullable(finalChunk);
  }

  @Override
  public T aggregate() {
    if (!iterated) {
      iterated = true;
    }
    while (advance()) {
      pending = null;
      delivered++;
    }
    if (finalChunk == null) {
      throw new OllamaCancelledException(
          apiCall.describe() + " stream was cancelled before its final chunk; no whole answer");
    }
    return whole != null ? whole : accumulator.result();
  }

  @Override
  public void cancel() {
    if (finished) {
      return;
    }
    cancelled = true;
    call.cancel();
    closeUnlessReading();
    observed.cancelled();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void close() {
    FirstChunkDeadline.passed(call);
    if (!finished) {
      cancel();
    }
    closeUnlessReading();
  }

  private void closeUnlessReading() {
    if (readLock.tryLock()) {
      try {
        decoder.release();
        response.close();
      } finally {
        readLock.unlock();
      }
    }
  }

  /** Ensures {@link #pending} holds the next chunk; false at the end. */
  private boolean advance() {
    if (pending != null) {
      return true;
    }
    if (failure != null) {
      throw failure;
    }
    if (finished) {
      return false;
    }
    readLock.lock();
    try {
      if (cancelled) {
        decoder.release();
        response.close();
        return false;
      }
      while (true) {
        if (!lines.next()) {
          FirstChunkDeadline.passed(call);
          throw Failures.incomplete(apiCall, lines.number(), spec.finalChunkName());
        }
        if (lines.length() == 0) {
          lines.consume();
          continue;
        }
        if (delivered == 0) {
          // The first chunk (each is delivered before the next is read), not the first byte:
          // blank lines every few hundred milliseconds must not hold a stream past its deadline.
          FirstChunkDeadline.passed(call);
        }
        T chunk = decoder.decode(lines, delivered);
        accumulator.add(chunk);
        if (spec.isFinal().test(chunk)) {
          finish(chunk);
        }
        pending = chunk;
        return true;
      }
    } catch (IOException e) {
      return failed(readFailure(e));
    } catch (OllamaException e) {
      return failed(e);
    } finally {
      readLock.unlock();
    }
  }

  /**
   * Ends the stream with {@code e}, which later calls (hasNext again, aggregate) report rather than
   * a closed source; a stream cancelled meanwhile just ends (false). Called under the read lock.
   */
  private boolean failed(OllamaException e) {
    decoder.release();
    response.close();
    if (cancelled) {
      return false;
    }
    failure = e;
    observed.failed(e);
    throw e;
  }

  private void finish(T chunk) {
    finalChunk = chunk;
    finished = true;
    if (observed.listening()) {
      // Listeners hear of the whole answer (a tracer's output text); aggregate() reuses it.
      whole = accumulator.result();
    }
    observed.succeeded(whole != null ? whole : chunk);
    LOG.debug(
        "{} stream finished after {} line(s) in {} ms",
        apiCall.describe(),
        lines.number(),
        Transport.millisSince(openedAt));
    // The body ends right after the final line; closing now returns the connection to the pool
    // even if the caller never closes the stream.
    decoder.release();
    response.close();
  }

  private OllamaException readFailure(IOException e) {
    if (cancelled) {
      return Failures.cancelled(apiCall);
    }
    return failures.io(apiCall, e, call);
  }
}
