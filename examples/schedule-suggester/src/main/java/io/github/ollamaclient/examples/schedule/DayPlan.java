package io.github.ollamaclient.examples.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A checked request for a schedule: the day, its working hours and breaks, the tasks, and the
 * language to answer in. Built by {@link RequestReader} from the JSON request.
 *
 * @param date the day
 * @param workingHours when work may happen
 * @param breaks when no task may happen
 * @param tasks the tasks, with unique titles
 * @param language the language of the prompts and of the answer's texts
 */
public record DayPlan(
    LocalDate date,
    TimeRange workingHours,
    List<TimeRange> breaks,
    List<Task> tasks,
    Language language) {
  /** Copies the lists. */
  public DayPlan {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(workingHours, "workingHours");
    Objects.requireNonNull(language, "language");
    breaks = List.copyOf(breaks);
    tasks = List.copyOf(tasks);
  }

  /** The task with this exact title, if any. */
  public java.util.Optional<Task> task(String title) {
    return tasks.stream().filter(task -> task.title().equals(title)).findFirst();
  }
}
