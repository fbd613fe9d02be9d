package io.github.ollamaclient.internal;

import io.github.ollamaclient.OllamaCancelledException;
import io.github.ollamaclient.OllamaException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * The asynchronous form of a stream: OkHttp's dispatcher runs the call, the chunks are read on its
 * thread and handed to the caller's callback, and a future completes with the whole answer.
 */
final class AsyncStream {
  private AsyncStream() {}

  static <T> CompletableFuture<T> start(
      Call call,
      ApiCall apiCall,
      StreamSpec<T> spec,
      Consumer<? super T> onChunk,
      Transport transport,
      CallObserver.Started observed) {
    CancellingFuture<T> future = new CancellingFuture<>(call);
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call failed, IOException e) {
            OllamaException error = transport.ioFailure(apiCall, e, failed);
            observed.failed(error);
            future.completeExceptionally(error);
          }

          @Override
          public void onResponse(Call current, Response response) {
            try {
              try {
                transport.checkStatus(response, apiCall);
              } catch (OllamaException e) {
                observed.failed(e);
                throw e;
              }
              try (NdjsonResponseStream<T> stream =
                  new NdjsonResponseStream<>(
                      current, response, spec, apiCall, transport, observed)) {
                for (T chunk : stream) {
                  if (future.isDone()) {
                    return;
                  }
                  onChunk.accept(chunk);
                }
                future.complete(stream.aggregate());
              }
            } catch (OllamaException e) {
              future.completeExceptionally(
                  future.isCancelled()
                      ? new OllamaCancelledException(apiCall.describe() + " was cancelled")
                      : e);
            } catch (RuntimeException | Error e) {
              // The callback failed: stop the server's work too, and hand the failure over.
              current.cancel();
              future.completeExceptionally(e);
            }
          }
        });
    return future;
  }

  /** A future whose {@code cancel} aborts the HTTP call. */
  private static final class CancellingFuture<T> extends CompletableFuture<T> {
    private final Call call;

    CancellingFuture(Call call) {
      this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean result = super.cancel(mayInterruptIfRunning);
      call.cancel();
      return result;
    }
  }
}
