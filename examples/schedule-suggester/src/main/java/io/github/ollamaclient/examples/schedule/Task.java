package io.github.ollamaclient.examples.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.examples.common.InvalidRequestException;
import io.github.ollamaclient.examples.common.RequestJson;
import java.math.BigInteger;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A task to place in the day.
 *
 * @param title what it is; unique within a request, never blank
 * @param minutes how long it takes, in minutes; positive
 * @param priority how important it is
 * @param deadline the time by which it must be finished, if any
 */
public record Task(String title, int minutes, Priority priority, Optional<LocalTime> deadline) {
  /** Checks the values. */
  public Task {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(priority, "priority");
    deadline = Objects.requireNonNullElse(deadline, Optional.empty());
    if (title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank");
    }
    if (minutes <= 0) {
      throw new IllegalArgumentException("minutes must be greater than 0, was " + minutes);
    }
  }

  /**
   * A task as a request sends it, each field checked and named: a title (stripped, not blank),
   * whole minutes from 1 to a day's 1440, a priority ({@code medium} when absent), a deadline.
   */
  @JsonCreator
  static Task fromJson(
      @JsonProperty("title") String title,
      @JsonProperty("minutes") BigInteger minutes,
      @JsonProperty("priority") String priority,
      @JsonProperty("deadline") String deadline) {
    if (title == null) {
      throw new InvalidRequestException("title", "is missing");
    }
    if (title.isBlank()) {
      throw new InvalidRequestException("title", "must not be blank");
    }
    if (minutes == null) {
      throw new InvalidRequestException("minutes", "is missing");
    }
    if (minutes.signum() <= 0) {
      throw new InvalidRequestException(
          "minutes", "must be greater than 0, was " + RequestJson.shown(minutes));
    }
    if (minutes.compareTo(BigInteger.valueOf(24 * 60)) > 0) {
      throw new InvalidRequestException(
          "minutes", "must be at most 1440 (one day), was " + RequestJson.shown(minutes));
    }
    Priority chosen =
        priority == null
            ? Priority.MEDIUM
            : Priority.fromWire(priority)
                .orElseThrow(
                    () ->
                        new InvalidRequestException(
                            "priority",
                            "must be \"high\", \"medium\" or \"low\", was \""
                                + RequestJson.shown(priority)
                                + "\""));
    Optional<LocalTime> by =
        deadline == null ? Optional.empty() : Optional.of(TimeRange.time("deadline", deadline));
    return new Task(title.strip(), minutes.intValue(), chosen, by);
  }
}
