package io.github.ollamaclient.examples.schedule;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The free spans of a day: working hours minus breaks and placed tasks. */
final class FreeTime {
  private FreeTime() {}

  /** The spans of {@code day} that no range of {@code busy} covers, in time order. */
  static List<TimeRange> of(TimeRange day, List<TimeRange> busy) {
    List<TimeRange> sorted = new ArrayList<>(busy);
    sorted.sort(Comparator.comparing(TimeRange::start));
    List<TimeRange> free = new ArrayList<>();
    LocalTime cursor = day.start();
    for (TimeRange range : sorted) {
      if (!range.end().isAfter(cursor)) {
        continue;
      }
      if (!range.start().isBefore(day.end())) {
        break;
      }
      if (range.start().isAfter(cursor)) {
        free.add(new TimeRange(cursor, range.start()));
      }
      cursor = range.end();
      if (!cursor.isBefore(day.end())) {
        return free;
      }
    }
    if (cursor.isBefore(day.end())) {
      free.add(new TimeRange(cursor, day.end()));
    }
    return free;
  }

  /**
   * Where {@code task} would go first: the start of the earliest free span long enough for it and
   * ending by its deadline.
   */
  static Optional<TimeRange> firstFit(List<TimeRange> free, Task task) {
    for (TimeRange span : free) {
      if (span.minutes() < task.minutes()) {
        continue;
      }
      TimeRange slot = new TimeRange(span.start(), span.start().plusMinutes(task.minutes()));
      if (task.deadline().isPresent() && slot.end().isAfter(task.deadline().get())) {
        continue;
      }
      return Optional.of(slot);
    }
    return Optional.empty();
  }
}
