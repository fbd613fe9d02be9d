package io.github.ollamaclient.examples.schedule;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/**
 * A proposed day: the model's answer (its JSON Schema is derived from this record with {@code
 * Format.of(Schedule.class)}) or the deterministic scheduler's.
 *
 * @param schedule the placed tasks
 * @param unscheduled the tasks that did not fit, each with a reason
 * @param note a short remark about the day
 */
public record Schedule(
    @JsonPropertyDescription("Tasks placed in the day, in time order") List<Slot> schedule,
    @JsonPropertyDescription("Tasks that do not fit, each with a reason")
        List<Unscheduled> unscheduled,
    @JsonPropertyDescription("One short sentence about the day") String note) {

  /** Normalises absent values from a model's answer: empty lists and note. */
  public Schedule {
    schedule =
        schedule == null
            ? List.of()
            : List.copyOf(schedule.stream().filter(Objects::nonNull).toList());
    unscheduled =
        unscheduled == null
            ? List.of()
            : List.copyOf(unscheduled.stream().filter(Objects::nonNull).toList());
    note = note == null ? "" : note;
  }

  /**
   * A placed task.
   *
   * @param title the task's title, exactly as in the request
   * @param start when it starts, {@code HH:mm}
   * @param end when it ends, {@code HH:mm}
   */
  public record Slot(
      @JsonPropertyDescription("The task title, exactly as given") String title,
      @JsonPropertyDescription("Start time, HH:mm (24-hour)") String start,
      @JsonPropertyDescription("End time, HH:mm (24-hour)") String end) {
    /** Normalises absent values to empty strings. */
    public Slot {
      title = title == null ? "" : title;
      start = start == null ? "" : start;
      end = end == null ? "" : end;
    }
  }

  /**
   * A task left out of the day.
   *
   * @param title the task's title, exactly as in the request
   * @param reason why it was left out
   */
  public record Unscheduled(
      @JsonPropertyDescription("The task title, exactly as given") String title,
      @JsonPropertyDescription("Why it does not fit") String reason) {
    /** Normalises absent values to empty strings. */
    public Unscheduled {
      title = title == null ? "" : title;
      reason = reason == null ? "" : reason;
    }
  }
}
