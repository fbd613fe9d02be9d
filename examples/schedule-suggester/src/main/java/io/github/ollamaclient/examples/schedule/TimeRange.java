package io.github.ollamaclient.examples.schedule;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open span of a day, {@code [start, end)}, at minute precision.
 *
 * @param start the first minute
 * @param end the minute after the last one; after {@code start}
 */
public record TimeRange(LocalTime start, LocalTime end) {
  /** How times are written everywhere in this app: {@code HH:mm}, 24-hour clock. */
  public static final DateTimeFormatter HH_MM =
      DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);

  /** Checks that the range is not empty. */
  public TimeRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "end " + format(end) + " must be after start " + format(start));
    }
  }

  /** Parses {@code HH:mm} strictly (two-digit hours and minutes); empty when malformed. */
  public static Optional<LocalTime> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalTime.parse(text.strip(), HH_MM));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Writes {@code HH:mm}. */
  public static String format(LocalTime time) {
    return HH_MM.format(time);
  }

  /** The length in whole minutes. */
  public long minutes() {
    return Duration.between(start, end).toMinutes();
  }

  /** Whether the two ranges share at least one minute (touching ends do not overlap). */
  public boolean overlaps(TimeRange other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  /** Whether {@code other} lies wholly inside this range. */
  public boolean contains(TimeRange other) {
    return !other.start.isBefore(start) && !other.end.isAfter(end);
  }

  @Override
  public String toString() {
    return format(start) + "-" + format(end);
  }
}
