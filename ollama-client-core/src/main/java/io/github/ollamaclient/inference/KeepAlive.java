package io.github.ollamaclient.inference;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the server keeps a model in memory after a request ({@code keep_alive}). Ollama's
 * default is 5 minutes.
 *
 * <pre>{@code
 * KeepAlive.of(Duration.ofMinutes(30))   // "30m"
 * KeepAlive.FOREVER                      // -1: never unload
 * KeepAlive.UNLOAD                       // 0: unload right after this request
 * }</pre>
 */
public final class KeepAlive {
  /** Keep the model loaded until the server stops ({@code -1}). */
  public static final KeepAlive FOREVER = new KeepAlive(null, -1);

  /** Unload the model as soon as the request is done ({@code 0}). */
  public static final KeepAlive UNLOAD = new KeepAlive(Duration.ZERO, 0);

  private final Duration duration;
  private final Object wireValue;

  private KeepAlive(Duration duration, Object wireValue) {
    this.duration = duration;
    this.wireValue = wireValue;
  }

  /**
   * Keep the model loaded for {@code duration} after the request; zero unloads at once.
   *
   * @throws IllegalArgumentException when the duration is negative (use {@link #FOREVER})
   */
  public static KeepAlive of(Duration duration) {
    Objects.requireNonNull(duration, "keepAlive duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "keepAlive must not be negative, was " + duration + "; use KeepAlive.FOREVER");
    }
    if (duration.isZero()) {
      return UNLOAD;
    }
    return new KeepAlive(duration, goDuration(duration));
  }

  /** Whether this keeps the model loaded indefinitely. */
  public boolean isForever() {
    return duration == null;
  }

  /** The duration; empty for {@link #FOREVER}. */
  public java.util.Optional<Duration> duration() {
    return java.util.Optional.ofNullable(duration);
  }

  /** The value as sent: a Go duration string such as {@code "1h30m"}, or the number 0 or -1. */
  @JsonValue
  Object wireValue() {
    return wireValue;
  }

  /**
   * Formats like Go's {@code time.ParseDuration} reads: {@code 1h30m}, {@code 45s}, {@code 1500ms}.
   */
  static String goDuration(Duration duration) {
    StringBuilder text = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    long nanos = duration.toNanosPart() % 1_000_000;
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (minutes > 0) {
      text.append(minutes).append('m');
    }
    if (seconds > 0) {
      text.append(seconds).append('s');
    }
    if (millis > 0) {
      text.append(millis).append("ms");
    }
    if (nanos > 0) {
      text.append(nanos).append("ns");
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeepAlive that && Objects.equals(wireValue, that.wireValue);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(wireValue);
  }

  @Override
  public String toString() {
    return "KeepAlive[" + wireValue + "]";
  }
}
