package io.github.ollamaclient.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okio.AsyncTimeout;

/**
 * The time-to-first-chunk limit of one streamed call: okio's watchdog cancels the call when no line
 * arrived in time, and the transport then reports a timeout rather than a cancel. It rides on the
 * request as a tag, so whoever maps the call's failure can ask whether it fired. Once the first
 * line is in, the read timeout alone applies to the rest of the stream.
 */
final class FirstChunkDeadline extends AsyncTimeout {
  private final Duration limit;
  private volatile Call call;
  private volatile boolean expired;

  FirstChunkDeadline(Duration limit) {
    this.limit = limit;
    timeout(limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Starts the clock for {@code call}, whose request carries this deadline. */
  void start(Call call) {
    this.call = call;
    enter();
  }

  Duration limit() {
    return limit;
  }

  @Override
  protected void timedOut() {
    expired = true;
    Call watched = call;
    if (watched != null) {
      watched.cancel();
    }
  }

  /** The first chunk arrived (or the call ended): stops the clock. Idempotent. */
  static void passed(Call call) {
    FirstChunkDeadline deadline = of(call);
    if (deadline != null) {
      deadline.exit();
    }
  }

  /** The deadline of {@code call} when it expired, else null. */
  static FirstChunkDeadline expiredOf(Call call) {
    FirstChunkDeadline deadline = call == null ? null : of(call);
    return deadline != null && deadline.expired ? deadline : null;
  }

  private static FirstChunkDeadline of(Call call) {
    return call.request().tag(FirstChunkDeadline.class);
  }
}
