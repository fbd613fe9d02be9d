package io.github.ollamaclient.examples.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.examples.common.InvalidRequestException;
import io.github.ollamaclient.examples.common.RequestJson;
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

  /** A range as a request sends it; a field missing, malformed or out of order is named. */
  @JsonCreator
  static TimeRange fromJson(@JsonProperty("start") String start, @JsonProperty("end") String end) {
    LocalTime from = time("start", start);
    LocalTime to = time("end", end);
    if (!to.isAfter(from)) {
      throw new InvalidRequestException(
          "end", "must be after start " + format(from) + ", was " + format(to));
    }
    return new TimeRange(from, to);
  }

  /** A request's time, {@code HH:mm}; the field named when it is missing or malformed. */
  static LocalTime time(String field, String text) {
    if (text == null) {
      throw new InvalidRequestException(field, "is missing");
    }
    return parse(text)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    field,
                    "must be a time written HH:mm (such as 09:30), was \""
                        + RequestJson.shown(text)
                        + "\""));
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
