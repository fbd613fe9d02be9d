package io.github.ollamaclient.examples.schedule;

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
}
