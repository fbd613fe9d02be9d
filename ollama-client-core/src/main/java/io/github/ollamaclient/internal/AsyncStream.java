package io.github.ollamaclient.internal;

import io.github.ollamaclient.error.OllamaException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The asynchronous form of a stream: OkHttp's dispatcher runs the call, the chunks are read on its
 * thread and handed to the caller's callback, and a future completes with the whole answer. A call
 * that failed before it answered is tried again after the retry policy's wait, without blocking a
 * thread meanwhile.
 */
final class AsyncStream<T> implements Callback {
  private final ApiCall apiCall;
  private final StreamSpec<T> spec;
  private final Consumer<? super T> onChunk;
  private final Transport transport;
  private final Retries.Attempts attempts;
  private final CallObserver.Started observed;
  private final CancellingFuture<T> future;

  /** Built once: every attempt sends the same bytes. */
  private final Request request;

  private AsyncStream(
      ApiCall apiCall,
      StreamSpec<T> spec,
      Consumer<? super T> onChunk,
      Transport transport,
      Retries.Attempts attempts,
      CallObserver.Started observed) {
    this.apiCall = apiCall;
    this.spec = spec;
    this.onChunk = onChunk;
    this.transport = transport;
    this.attempts = attempts;
    this.observed = observed;
    this.future = new CancellingFuture<>(observed);
    this.request = transport.request(apiCall);
  }

  static <T> CompletableFuture<T> start(
      ApiCall apiCall,
      StreamSpec<T> spec,
      Consumer<? super T> onChunk,
      Transport transport,
      Retries.Attempts attempts,
      CallObserver.Started observed) {
    AsyncStream<T> stream =
        new AsyncStream<>(apiCall, spec, onChunk, transport, attempts, observed);
    stream.attempt();
    return stream.future;
  }

  private void attempt() {
    if (future.isDone()) {
      // Cancelled (or completed by the caller) while waiting to retry: no call is under way.
      observed.cancelled();
      return;
    }
    Call call = transport.newStreamCall(request);
    future.watch(call);
    call.enqueue(this);
  }

  /** Tries again after the policy's wait, or fails the future with the error to give up with. */
  private void retryOrFail(Call failed, OllamaException error) {
    FirstChunkDeadline.passed(failed);
    Duration wait;
    try {
      wait = attempts.next(error);
    } catch (OllamaException last) {
      observed.failed(last);
      future.completeExceptionally(last);
      return;
    }
    CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS).execute(this::attempt);
  }

  @Override
  public void onFailure(Call failed, IOException e) {
    retryOrFail(failed, transport.failures().io(apiCall, e, failed));
  }

  @Override
  public void onResponse(Call current, Response response) {
    try {
      transport.checkStatus(response, apiCall);
    } catch (OllamaException e) {
      retryOrFail(current, e);
      return;
    }
    try (NdjsonResponseStream<T> stream =
        new NdjsonResponseStream<>(
            current,
            response,
            spec,
            apiCall,
            transport.failures(),
            transport.maxResponseBytes(),
            observed)) {
      for (T chunk : stream) {
        if (future.isDone()) {
          return;
        }
        onChunk.accept(chunk);
      }
      future.complete(stream.aggregate());
    } catch (OllamaException e) {
      future.completeExceptionally(future.isCancelled() ? Failures.cancelled(apiCall) : e);
    } catch (RuntimeException | Error e) {
      // The callback failed: stop the server's work too, and hand the failure over.
      current.cancel();
      future.completeExceptionally(e);
    }
  }

  /**
   * A future whose {@code cancel} aborts the HTTP call of the current attempt and ends the call for
   * listeners at once, even while it waits to retry, when no call is under way to fail.
   */
  private static final class CancellingFuture<T> extends CompletableFuture<T> {
    private final CallObserver.Started observed;
    private volatile Call call;

    CancellingFuture(CallObserver.Started observed) {
      this.observed = observed;
    }

    /** Makes {@code call} the one to abort; aborts it at once if the future was cancelled. */
    void watch(Call call) {
      this.call = call;
      if (isCancelled()) {
        call.cancel();
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean result = super.cancel(mayInterruptIfRunning);
      if (result) {
        observed.cancelled();
      }
      Call current = call;
      if (current != null) {
        current.cancel();
      }
      return result;
    }
  }
}
