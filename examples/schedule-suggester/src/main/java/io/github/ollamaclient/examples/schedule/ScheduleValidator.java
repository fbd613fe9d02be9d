package io.github.ollamaclient.examples.schedule;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a proposed schedule against the request: every placed task inside working hours, not
 * overlapping a break or another task, as long as the task says, finished by its deadline; every
 * task placed or listed as unscheduled exactly once; no task that the request does not have; and no
 * task left out that would still fit.
 *
 * <p>A model's answer is only ever returned after this found nothing; the same check guards the
 * deterministic scheduler's answer in the tests.
 */
public final class ScheduleValidator {
  private ScheduleValidator() {}

  /** The problems of {@code proposal}; empty when it is a valid schedule for {@code plan}. */
  public static List<Violation> check(DayPlan plan, Schedule proposal) {
    List<Violation> violations = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<Placed> placed = new ArrayList<>();

    for (Schedule.Slot slot : proposal.schedule()) {
      String title = shorten(slot.title());
      Optional<Task> found = plan.task(slot.title());
      if (found.isEmpty()) {
        violations.add(
            new Violation(
                "「" + title + "」はタスク一覧にありません。与えられたタスクだけを使ってください。",
                "\"" + title + "\" is not one of the tasks; use only the given tasks."));
        continue;
      }
      Task task = found.get();
      if (!seen.add(task.title())) {
        violations.add(
            new Violation(
                "「" + title + "」が二回以上出てきます。各タスクは一度だけ入れてください。",
                "\"" + title + "\" appears more than once; list each task exactly once."));
        continue;
      }
      Optional<LocalTime> start = TimeRange.parse(slot.start());
      Optional<LocalTime> end = TimeRange.parse(slot.end());
      if (start.isEmpty() || end.isEmpty()) {
        String times = "\"" + shorten(slot.start()) + "\"-\"" + shorten(slot.end()) + "\"";
        violations.add(
            new Violation(
                "「" + title + "」の時刻 " + times + " は HH:mm の形ではありません。",
                "\"" + title + "\" has times " + times + " that are not written HH:mm."));
        continue;
      }
      if (!end.get().isAfter(start.get())) {
        violations.add(
            new Violation(
                "「" + title + "」の終了 " + slot.end() + " が開始 " + slot.start() + " より後ではありません。",
                "\""
                    + title
                    + "\" ends at "
                    + slot.end()
                    + ", not after its start "
                    + slot.start()
                    + "."));
        continue;
      }
      TimeRange range = new TimeRange(start.get(), end.get());
      if (range.minutes() != task.minutes()) {
        violations.add(
            new Violation(
                "「"
                    + title
                    + "」は "
                    + task.minutes()
                    + " 分のタスクですが、"
                    + range
                    + " は "
                    + range.minutes()
                    + " 分です。",
                "\""
                    + title
                    + "\" takes "
                    + task.minutes()
                    + " minutes, but "
                    + range
                    + " is "
                    + range.minutes()
                    + " minutes."));
      }
      if (!plan.workingHours().contains(range)) {
        violations.add(
            new Violation(
                "「" + title + "」(" + range + ") が勤務時間 " + plan.workingHours() + " の外にはみ出しています。",
                "\""
                    + title
                    + "\" ("
                    + range
                    + ") is outside the working hours "
                    + plan.workingHours()
                    + "."));
      }
      for (TimeRange pause : plan.breaks()) {
        if (range.overlaps(pause)) {
          violations.add(
              new Violation(
                  "「" + title + "」(" + range + ") が休憩 " + pause + " と重なっています。",
                  "\"" + title + "\" (" + range + ") overlaps the break " + pause + "."));
        }
      }
      task.deadline()
          .filter(deadline -> range.end().isAfter(deadline))
          .ifPresent(
              deadline ->
                  violations.add(
                      new Violation(
                          "「"
                              + title
                              + "」は締め切り "
                              + TimeRange.format(deadline)
                              + " までに終わりません ("
                              + range
                              + ")。",
                          "\""
                              + title
                              + "\" ("
                              + range
                              + ") ends after its deadline "
                              + TimeRange.format(deadline)
                              + ".")));
      for (Placed other : placed) {
        if (other.range().overlaps(range)) {
          violations.add(
              new Violation(
                  "「"
                      + other.title()
                      + "」("
                      + other.range()
                      + ") と「"
                      + title
                      + "」("
                      + range
                      + ") が重なっています。",
                  "\""
                      + other.title()
                      + "\" ("
                      + other.range()
                      + ") and \""
                      + title
                      + "\" ("
                      + range
                      + ") overlap."));
        }
      }
      placed.add(new Placed(title, range));
    }

    List<Task> leftOut = new ArrayList<>();
    for (Schedule.Unscheduled item : proposal.unscheduled()) {
      String title = shorten(item.title());
      Optional<Task> found = plan.task(item.title());
      if (found.isEmpty()) {
        violations.add(
            new Violation(
                "unscheduled の「" + title + "」はタスク一覧にありません。",
                "unscheduled \"" + title + "\" is not one of the tasks."));
      } else if (!seen.add(item.title())) {
        violations.add(
            new Violation(
                "「" + title + "」が schedule と unscheduled の両方、または二回以上出てきます。",
                "\""
                    + title
                    + "\" is listed more than once (scheduled and unscheduled, or twice)."));
      } else {
        leftOut.add(found.get());
      }
    }

    for (Task task : plan.tasks()) {
      if (!seen.contains(task.title())) {
        violations.add(
            new Violation(
                "「" + task.title() + "」が schedule にも unscheduled にもありません。",
                "\"" + task.title() + "\" is neither scheduled nor listed as unscheduled."));
      }
    }

    if (violations.isEmpty()) {
      // Only a schedule that is otherwise right can be judged for tasks it gave up too early.
      List<TimeRange> busy = new ArrayList<>(plan.breaks());
      placed.forEach(p -> busy.add(p.range()));
      List<TimeRange> free = FreeTime.of(plan.workingHours(), busy);
      for (Task task : leftOut) {
        FreeTime.firstFit(free, task)
            .ifPresent(
                slot ->
                    violations.add(
                        new Violation(
                            "「"
                                + task.title()
                                + "」は空き時間 "
                                + slot
                                + " に入ります。unscheduled にせず配置してください。",
                            "\""
                                + task.title()
                                + "\" fits in the free time "
                                + slot
                                + "; schedule it instead of leaving it out.")));
      }
    }
    return List.copyOf(violations);
  }

  /**
   * Text from the model's answer as quoted in a violation: one line, at most 40 characters, so a
   * model that echoes the whole prompt as a title cannot blow up the retry prompt or the note.
   */
  static String shorten(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.codePointCount(0, line.length()) <= 40
        ? line
        : line.substring(0, line.offsetByCodePoints(0, 39)) + "…";
  }

  private record Placed(String title, TimeRange range) {}
}
