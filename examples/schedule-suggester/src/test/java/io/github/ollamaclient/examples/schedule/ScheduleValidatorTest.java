package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.Fixtures.OUT_OF_HOURS_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.OVERLAPPING_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.REQUEST_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.VALID_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.plan;
import static io.github.ollamaclient.examples.schedule.Fixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleValidatorTest {
  private static final DayPlan DAY = plan(REQUEST_JA);

  private static List<String> english(String proposal) {
    return ScheduleValidator.check(DAY, schedule(proposal)).stream()
        .map(Violation::english)
        .toList();
  }

  private static String proposal(List<String> slots, String unscheduled) {
    return "{\"schedule\": ["
        + String.join(",", slots)
        + "], \"unscheduled\": ["
        + unscheduled
        + "], \"note\": \"n\"}";
  }

  private static String slot(String title, String start, String end) {
    return "{\"title\": \"" + title + "\", \"start\": \"" + start + "\", \"end\": \"" + end + "\"}";
  }

  @Test
  void acceptsAScheduleThatKeepsEveryRule() {
    assertThat(ScheduleValidator.check(DAY, schedule(VALID_JA))).isEmpty();
  }

  @Test
  void reportsOverlappingTasks() {
    assertThat(english(OVERLAPPING_JA))
        .containsExactly("\"資料作成\" (09:00-10:30) and \"メール返信\" (10:00-10:30) overlap.");
  }

  @Test
  void reportsATaskOutsideTheWorkingHours() {
    assertThat(english(OUT_OF_HOURS_JA))
        .containsExactly("\"コードレビュー\" (18:00-19:00) is outside the working hours 09:00-18:00.");
  }

  @Test
  void reportsATaskStartingBeforeTheWorkingDay() {
    assertThat(
            english(
                proposal(
                    List.of(
                        slot("資料作成", "08:00", "09:30"),
                        slot("メール返信", "09:30", "10:00"),
                        slot("コードレビュー", "10:00", "11:00")),
                    "")))
        .containsExactly("\"資料作成\" (08:00-09:30) is outside the working hours 09:00-18:00.");
  }

  @Test
  void reportsATaskOverlappingABreak() {
    assertThat(
            english(
                proposal(
                    List.of(
                        slot("資料作成", "09:00", "10:30"),
                        slot("メール返信", "10:30", "11:00"),
                        slot("コードレビュー", "11:30", "12:30")),
                    "")))
        .containsExactly("\"コードレビュー\" (11:30-12:30) overlaps the break 12:00-13:00.");
  }

  @Test
  void reportsADurationThatDiffersFromTheTask() {
    assertThat(
            english(
                proposal(
                    List.of(
                        slot("資料作成", "09:00", "10:00"),
                        slot("メール返信", "10:30", "11:00"),
                        slot("コードレビュー", "11:00", "12:00")),
                    "")))
        .containsExactly("\"資料作成\" takes 90 minutes, but 09:00-10:00 is 60 minutes.");
  }

  @Test
  void reportsAMissedDeadline() {
    assertThat(
            english(
                proposal(
                    List.of(
                        slot("メール返信", "09:00", "09:30"),
                        slot("コードレビュー", "09:30", "10:30"),
                        slot("資料作成", "14:00", "15:30")),
                    "")))
        .containsExactly("\"資料作成\" (14:00-15:30) ends after its deadline 15:00.");
  }

  @Test
  void acceptsATaskEndingExactlyAtItsDeadline() {
    assertThat(
            english(
                proposal(
                    List.of(
                        slot("メール返信", "09:00", "09:30"),
                        slot("コードレビュー", "09:30", "10:30"),
                        slot("資料作成", "13:30", "15:00")),
                    "")))
        .isEmpty();
  }

  @Test
  void reportsMalformedAndReversedTimes() {
    assertThat(
            english(
                proposal(
                    List.of(
                        slot("資料作成", "9時", "10:30"),
                        slot("メール返信", "11:00", "10:30"),
                        slot("コードレビュー", "11:00", "12:00")),
                    "")))
        .containsExactly(
            "\"資料作成\" has times \"9時\"-\"10:30\" that are not written HH:mm.",
            "\"メール返信\" ends at 10:30, not after its start 11:00.");
  }

  @Test
  void reportsInventedMissingAndDuplicatedTasks() {
    assertThat(
            english(
                proposal(
                    List.of(
                        slot("資料作成", "09:00", "10:30"),
                        slot("資料作成", "13:00", "14:30"),
                        slot("昼寝", "14:30", "15:00")),
                    "{\"title\": \"散歩\", \"reason\": \"雨\"}")))
        .containsExactly(
            "\"資料作成\" appears more than once; list each task exactly once.",
            "\"昼寝\" is not one of the tasks; use only the given tasks.",
            "unscheduled \"散歩\" is not one of the tasks.",
            "\"メール返信\" is neither scheduled nor listed as unscheduled.",
            "\"コードレビュー\" is neither scheduled nor listed as unscheduled.");
  }

  @Test
  void reportsATaskBothScheduledAndUnscheduled() {
    assertThat(
            english(
                proposal(
                    List.of(
                        slot("資料作成", "09:00", "10:30"),
                        slot("メール返信", "10:30", "11:00"),
                        slot("コードレビュー", "11:00", "12:00")),
                    "{\"title\": \"メール返信\", \"reason\": \"r\"}")))
        .containsExactly(
            "\"メール返信\" is listed more than once (scheduled and unscheduled, or twice).");
  }

  @Test
  void reportsATaskLeftOutThatStillFits() {
    assertThat(
            english(
                proposal(
                    List.of(slot("資料作成", "09:00", "10:30"), slot("メール返信", "10:30", "11:00")),
                    "{\"title\": \"コードレビュー\", \"reason\": \"忙しい\"}")))
        .containsExactly(
            "\"コードレビュー\" fits in the free time 11:00-12:00; schedule it instead of leaving it"
                + " out.");
  }

  @Test
  void treatsAMissingScheduleAsEveryTaskMissing() {
    assertThat(ScheduleValidator.check(DAY, schedule("{\"note\": \"?\"}"))).hasSize(3);
  }

  @Test
  void shortensAnEchoedPromptQuotedAsAnInventedTitle() {
    String echo = "Hello from the model. You said:\\n" + "勤務時間: 09:00-18:00 ".repeat(20);

    List<String> problems = english(proposal(List.of(slot(echo, "09:00", "09:30")), ""));

    assertThat(problems.get(0))
        .isEqualTo(
            "\"Hello from the model. You said: 勤務時間: 0…\" is not one of the tasks; use only the given"
                + " tasks.");
  }

  @Test
  void wordsEveryViolationInJapaneseToo() {
    assertThat(ScheduleValidator.check(DAY, schedule(OVERLAPPING_JA)))
        .singleElement()
        .satisfies(
            violation ->
                assertThat(violation.text(Language.JA))
                    .isEqualTo("「資料作成」(09:00-10:30) と「メール返信」(10:00-10:30) が重なっています。"));
  }
}
