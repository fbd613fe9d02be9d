package io.github.ollamaclient.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, BigDecimal> NANOS_PER_UNIT =
      Map.of(
          "ns", BigDecimal.ONE,
          "us", BigDecimal.valueOf(1_000L),
          "µs", BigDecimal.valueOf(1_000L),
          "ms", BigDecimal.valueOf(1_000_000L),
          "s", BigDecimal.valueOf(1_000_000_000L),
          "m", BigDecimal.valueOf(60_000_000_000L),
          "h", BigDecimal.valueOf(3_600_000_000_000L));

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

  /**
   * {@code keep_alive} in Ollama's two forms: seconds as a number, or a Go duration string such as
   * {@code "1h30m"}; negative is forever.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static KeepAlive fromJson(Object value) {
    BigDecimal nanos;
    if (value instanceof Number seconds) {
      nanos = new BigDecimal(seconds.toString()).multiply(NANOS_PER_UNIT.get("s"));
    } else if (value instanceof String text) {
      nanos = goDurationNanos(text);
    } else {
      throw new IllegalArgumentException("keep_alive must be seconds or a duration such as \"5m\"");
    }
    return nanos.signum() < 0 ? FOREVER : of(Duration.ofNanos(nanos.longValue()));
  }

  private static BigDecimal goDurationNanos(String text) {
    String rest = text;
    boolean negative = false;
    if (rest.startsWith("-") || rest.startsWith("+")) {
      negative = rest.startsWith("-");
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return BigDecimal.ZERO;
    }
    Matcher part = GO_DURATION_PART.matcher(rest);
    BigDecimal total = BigDecimal.ZERO;
    int at = 0;
    while (at < rest.length() && part.find(at) && part.start() == at) {
      total = total.add(new BigDecimal(part.group(1)).multiply(NANOS_PER_UNIT.get(part.group(2))));
      at = part.end();
    }
    if (rest.isEmpty() || at != rest.length()) {
      throw new IllegalArgumentException(
          "keep_alive \"" + text + "\" is not a duration; use seconds or \"30s\", \"5m\", \"1h\"");
    }
    return negative ? total.negate() : total;
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
