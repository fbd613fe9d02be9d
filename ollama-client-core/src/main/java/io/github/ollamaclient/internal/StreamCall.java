package io.github.ollamaclient.internal;

import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed call, however its caller reads it: it sends the request, tries again as the retry
 * policy allows until the status is good, runs the first-chunk deadline, tells listeners of the
 * start and the end, and cancels. The ways to read a stream are views over it: {@link #open()} (the
 * blocking {@link ResponseStream}), {@link #aggregate()}, {@link #future} (a {@link
 * CompletableFuture}) and {@link StreamPublisher} (a {@code Flow.Publisher}, through {@link
 * #enqueue}). Blocking views send on the caller's thread through the transport's one send loop; the
 * others through OkHttp's dispatcher, waiting to retry without holding a thread.
 *
 * @param <T> the chunk type
 */
final class StreamCall<T> implements Callback {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  /** One daemon thread for the whole JVM, started with the first stream handed to a caller. */
  private static final Cleaner UNCLOSED =
      Cleaner.create(action -> new Thread(action, "ollama-client-unclosed-streams"));

  /**
   * Where an asynchronous call's outcome goes, on an OkHttp thread; neither is called once the call
   * was cancelled.
   *
   * @param <T> the chunk type
   */
  interface Sink<T> {
    /** The status was good: the chunks are to be read from {@code stream}. */
    void opened(NdjsonResponseStream<T> stream);

    /** The call failed for good, after any retries; listeners were told. */
    void failed(OllamaException error);
  }

  private final Transport transport;
  private final ApiCall apiCall;
  private final StreamSpec<T> spec;

  /** Whether listeners hear of a stream, and the first-chunk deadline applies. */
  private final boolean streamed;

  /** Built once, before listeners hear of the call: every attempt sends the same bytes. */
  private final Request request;

  private final CallObserver.Started observed;
  private volatile boolean cancelled;

  /** The attempt under way (asynchronous views), and its stream once the status was good. */
  private volatile Call call;

  private volatile NdjsonResponseStream<T> stream;
  private Retries.Attempts attempts;
  private Sink<T> sink;

  StreamCall(Transport transport, ApiCall apiCall, StreamSpec<T> spec, boolean streamed) {
    this.transport = transport;
    this.apiCall = apiCall;
    this.spec = spec;
    this.streamed = streamed;
    this.request = transport.request(apiCall);
    this.observed = transport.observer().start(apiCall, streamed);
  }

  /**
   * The blocking stream. An error status throws here, not from the iterator. A stream its caller
   * drops without closing it is cancelled once it is collected: unread and unclosed, it would hold
   * its HTTP call open (and the server generating), and a span opened for it would never end.
   */
  ResponseStream<T> open() {
    Transport.Opened opened = send();
    NdjsonResponseStream<T> lines = read(opened.call(), opened.response());
    UNCLOSED.register(lines, new Abandon(apiCall, opened.call(), opened.response(), observed));
    return lines;
  }

  /**
   * What ends a stream once its caller dropped it unclosed: it holds the call, never the stream (no
   * finalizer), so the {@link #UNCLOSED} cleaner can see the stream become unreachable.
   */
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

  /**
   * The whole answer, read on this thread as {@link Transport#aggregate} describes: the stream's
   * chunks joined, or one JSON document from a server that ignores {@code "stream"}.
   */
  T aggregate() {
    Transport.Opened opened = send();
    Response response = opened.response();
    MediaType type = response.body().contentType();
    if (type == null || !type.subtype().equals("json")) {
      try (ResponseStream<T> lines = read(opened.call(), response)) {
        return lines.aggregate();
      }
    }
    try (response) {
      T value =
          transport.readBody(
              response, apiCall, body -> spec.reader().readValue(body.inputStream()));
      if (!spec.isFinal().test(value)) {
        throw Failures.notFinal(apiCall, spec.finalChunkName());
      }
      observed.succeeded(value);
      return value;
    } catch (OllamaException e) {
      observed.failed(e);
      throw e;
    }
  }

  private Transport.Opened send() {
    try {
      return transport.send(apiCall, request, streamed);
    } catch (OllamaException e) {
      observed.failed(e);
      throw e;
    }
  }

  private NdjsonResponseStream<T> read(Call current, Response response) {
    return new NdjsonResponseStream<>(
        current,
        response,
        spec,
        apiCall,
        transport.failures(),
        transport.maxResponseBytes(),
        observed);
  }

  /**
   * The asynchronous view: each chunk goes to {@code onChunk} on an OkHttp thread, the future
   * completes with the whole answer. Cancelling the future cancels the call.
   */
  CompletableFuture<T> future(Consumer<? super T> onChunk) {
    CompletableFuture<T> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            boolean result = super.cancel(mayInterruptIfRunning);
            StreamCall.this.cancel();
            return result;
          }
        };
    enqueue(
        new Sink<>() {
          @Override
          public void opened(NdjsonResponseStream<T> lines) {
            try (lines) {
              for (T chunk : lines) {
                if (future.isDone()) {
                  return;
                }
                onChunk.accept(chunk);
              }
              future.complete(lines.aggregate());
            } catch (OllamaException e) {
              future.completeExceptionally(future.isCancelled() ? Failures.cancelled(apiCall) : e);
            } catch (RuntimeException | Error e) {
              // The callback failed: stop the server's work too, and hand the failure over.
              cancel();
              future.completeExceptionally(e);
            }
          }

          @Override
          public void failed(OllamaException error) {
            future.completeExceptionally(error);
          }
        });
    return future;
  }

  /** Sends the call through OkHttp's dispatcher; its outcome goes to {@code sink}. */
  void enqueue(Sink<T> sink) {
    this.sink = sink;
    this.attempts = transport.retries().start(apiCall);
    attempt();
  }

  private void attempt() {
    if (cancelled) {
      // Cancelled while waiting to retry: no call is under way.
      return;
    }
    Call next = transport.newCall(request, streamed);
    call = next;
    if (cancelled) {
      // cancel() ran between the check and the assignment and may not have seen this call.
      FirstChunkDeadline.passed(next);
      return;
    }
    next.enqueue(this);
  }

  @Override
  public void onFailure(Call failed, IOException e) {
    retryOrFail(failed, transport.failures().io(apiCall, e, failed));
  }

  @Override
  public void onResponse(Call current, Response response) {
    if (cancelled) {
      FirstChunkDeadline.passed(current);
      response.close();
      return;
    }
    try {
      transport.checkStatus(response, apiCall);
    } catch (OllamaException e) {
      retryOrFail(current, e);
      return;
    }
    NdjsonResponseStream<T> opened = read(current, response);
    stream = opened;
    if (cancelled) {
      // cancel() ran meanwhile and may not have seen the stream.
      opened.close();
      return;
    }
    sink.opened(opened);
  }

  /** Tries again after the policy's wait, or hands the sink the error to give up with. */
  private void retryOrFail(Call failed, OllamaException error) {
    FirstChunkDeadline.passed(failed);
    if (cancelled) {
      return;
    }
    Duration wait;
    try {
      wait = attempts.next(error);
    } catch (OllamaException last) {
      observed.failed(last);
      sink.failed(last);
      return;
    }
    CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS).execute(this::attempt);
  }

  /**
   * Cancels the call: aborts the attempt under way or closes its stream, and ends the call for
   * listeners at once, even while it waits to retry. Does nothing to a call that ended already. Any
   * thread; idempotent.
   */
  void cancel() {
    cancelled = true;
    NdjsonResponseStream<T> current = stream;
    if (current != null) {
      current.close();
    } else {
      Call pending = call;
      if (pending != null) {
        pending.cancel();
      }
    }
    observed.cancelled();
  }
}
