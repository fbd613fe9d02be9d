package io.github.ollamaclient.examples.schedule;

import java.util.List;

/**
 * The answer of {@code POST /api/suggest-schedule}: a checked schedule and where it came from.
 *
 * @param schedule the placed tasks, in time order
 * @param unscheduled the tasks that did not fit, each with a reason
 * @param note a short remark; for a fallback, says that the built-in scheduler made the day
 * @param source {@code model} (the first answer was valid), {@code retry} (the answer after the
 *     problems were fed back was valid) or {@code fallback} (the deterministic scheduler's)
 */
public record ScheduleResponse(
    List<Schedule.Slot> schedule,
    List<Schedule.Unscheduled> unscheduled,
    String note,
    String source) {
  /** The first answer of the model passed every check. */
  public static final String SOURCE_MODEL = "model";

  /** The model's second answer, after the problems were fed back, passed every check. */
  public static final String SOURCE_RETRY = "retry";

  /** The deterministic scheduler made the day. */
  public static final String SOURCE_FALLBACK = "fallback";

  /** Copies the lists. */
  public ScheduleResponse {
    schedule = List.copyOf(schedule);
    unscheduled = List.copyOf(unscheduled);
  }

  /** The schedule part, without the source, as the validator reads it. */
  public Schedule asSchedule() {
    return new Schedule(schedule, unscheduled, note);
  }
}
