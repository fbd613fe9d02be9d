package io.github.ollamaclient.examples.schedule;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The deterministic fallback: tasks by priority (high first), then deadline (earliest first, none
 * last), then duration (shortest first), then request order; each placed at the start of the
 * earliest free span that holds it and ends by its deadline. Its answer always passes {@link
 * ScheduleValidator}: a task it leaves out did not fit when its turn came, and later tasks only
 * take more of the day.
 */
public final class GreedyScheduler {
  private GreedyScheduler() {}

  /** The order in which tasks are placed. */
  static final Comparator<Task> ORDER =
      Comparator.comparing(Task::priority)
          .thenComparing(task -> task.deadline().orElse(LocalTime.MAX))
          .thenComparingInt(Task::minutes);

  /**
   * Places the tasks of {@code plan}.
   *
   * @param note the note of the answer
   */
  public static Schedule plan(DayPlan plan, String note) {
    List<Task> order = new ArrayList<>(plan.tasks());
    order.sort(ORDER); // stable: equal tasks keep the request's order
    List<TimeRange> busy = new ArrayList<>(plan.breaks());
    List<Schedule.Slot> placed = new ArrayList<>();
    List<Schedule.Unscheduled> unscheduled = new ArrayList<>();
    Language language = plan.language();
    for (Task task : order) {
      List<TimeRange> free = FreeTime.of(plan.workingHours(), busy);
      Optional<TimeRange> slot = FreeTime.firstFit(free, task);
      if (slot.isPresent()) {
        busy.add(slot.get());
        placed.add(
            new Schedule.Slot(
                task.title(),
                TimeRange.format(slot.get().start()),
                TimeRange.format(slot.get().end())));
      } else {
        unscheduled.add(new Schedule.Unscheduled(task.title(), reason(task, free, language)));
      }
    }
    placed.sort(Comparator.comparing(Schedule.Slot::start));
    return new Schedule(placed, unscheduled, note);
  }

  private static String reason(Task task, List<TimeRange> free, Language language) {
    boolean fitsWithoutDeadline = free.stream().anyMatch(span -> span.minutes() >= task.minutes());
    if (fitsWithoutDeadline && task.deadline().isPresent()) {
      String deadline = TimeRange.format(task.deadline().get());
      return language.pick(
          "締め切り " + deadline + " までに " + task.minutes() + " 分の空きがありません",
          "no free " + task.minutes() + " minutes before the deadline " + deadline);
    }
    long longest = free.stream().mapToLong(TimeRange::minutes).max().orElse(0);
    return language.pick(
        task.minutes() + " 分の連続した空き時間が残っていません（最長 " + longest + " 分）",
        "no free block of "
            + task.minutes()
            + " minutes is left (longest: "
            + longest
            + " minutes)");
  }
}
