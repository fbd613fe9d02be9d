package io.github.ollamaclient.internal;

import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;

/** Counts OkHttp's call events that tests need to see, such as a cancelled call. */
final class CallEvents extends EventListener {
  private final AtomicInteger cancelled = new AtomicInteger();

  @Override
  public void canceled(Call call) {
    cancelled.incrementAndGet();
  }

  /** How many calls were cancelled. */
  int cancelled() {
    return cancelled.get();
  }
}
