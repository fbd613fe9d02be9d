package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GreedySchedulerTest {
  private static Schedule planned(String request) {
    DayPlan day = plan(request);
    Schedule schedule = GreedyScheduler.plan(day, "note");
    assertThat(ScheduleValidator.check(day, schedule)).as("the fallback is always valid").isEmpty();
    return schedule;
  }

  @Test
  void placesByPriorityThenDeadlineThenDuration() {
    Schedule schedule =
        planned(
            """
            {"workingHours": {"start": "09:00", "end": "18:00"},
             "tasks": [
               {"title": "low", "minutes": 30, "priority": "low"},
               {"title": "medium long", "minutes": 60, "priority": "medium"},
               {"title": "medium short", "minutes": 15, "priority": "medium"},
               {"title": "medium due", "minutes": 45, "priority": "medium", "deadline": "17:00"},
               {"title": "high", "minutes": 30, "priority": "high"}
             ]}
            """);

    assertThat(schedule.schedule())
        .containsExactly(
            new Schedule.Slot("high", "09:00", "09:30"),
            new Schedule.Slot("medium due", "09:30", "10:15"),
            new Schedule.Slot("medium short", "10:15", "10:30"),
            new Schedule.Slot("medium long", "10:30", "11:30"),
            new Schedule.Slot("low", "11:30", "12:00"));
    assertThat(schedule.unscheduled()).isEmpty();
  }

  @Test
  void skipsBreaksAndUsesLaterGapsForLongTasks() {
    Schedule schedule =
        planned(
            """
            {"workingHours": {"start": "09:00", "end": "18:00"},
             "breaks": [{"start": "10:00", "end": "10:15"}, {"start": "12:00", "end": "13:00"}],
             "tasks": [
               {"title": "long", "minutes": 120, "priority": "high"},
               {"title": "short", "minutes": 45, "priority": "low"}
             ]}
            """);

    assertThat(schedule.schedule())
        .containsExactly(
            new Schedule.Slot("short", "09:00", "09:45"),
            new Schedule.Slot("long", "13:00", "15:00"));
  }

  @Test
  void leavesOutWhatCannotMeetItsDeadlineWithTheReason() {
    Schedule schedule =
        planned(
            """
            {"workingHours": {"start": "09:00", "end": "18:00"},
             "tasks": [
               {"title": "first", "minutes": 120, "priority": "high"},
               {"title": "due early", "minutes": 60, "priority": "low", "deadline": "10:30"}
             ],
             "language": "en"}
            """);

    assertThat(schedule.schedule()).containsExactly(new Schedule.Slot("first", "09:00", "11:00"));
    assertThat(schedule.unscheduled())
        .containsExactly(
            new Schedule.Unscheduled("due early", "no free 60 minutes before the deadline 10:30"));
  }

  @Test
  void leavesOutWhatIsLongerThanAnyFreeBlockWithTheReasonInJapanese() {
    Schedule schedule =
        planned(
            """
            {"workingHours": {"start": "09:00", "end": "12:00"},
             "breaks": [{"start": "10:00", "end": "10:30"}],
             "tasks": [{"title": "大作業", "minutes": 100, "priority": "high"},
                       {"title": "小作業", "minutes": 20, "priority": "low"}]}
            """);

    assertThat(schedule.schedule()).containsExactly(new Schedule.Slot("小作業", "09:00", "09:20"));
    assertThat(schedule.unscheduled())
        .containsExactly(new Schedule.Unscheduled("大作業", "100 分の連続した空き時間が残っていません（最長 90 分）"));
  }

  @Test
  void placesTasksTouchingEachOtherAndTheEndOfTheDay() {
    Schedule schedule =
        planned(
            """
            {"workingHours": {"start": "16:00", "end": "18:00"},
             "tasks": [{"title": "a", "minutes": 60}, {"title": "b", "minutes": 60}]}
            """);

    assertThat(schedule.schedule())
        .containsExactly(
            new Schedule.Slot("a", "16:00", "17:00"), new Schedule.Slot("b", "17:00", "18:00"));
  }
}
