package io.github.ollamaclient.examples.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The prompts, in Japanese (the default model is a Japanese-tuned Gemma 2 2B) or English. A small
 * model follows short numbered rules and an explicit list better than prose, so both are plain.
 */
final class Prompts {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Prompts() {}

  static String system(Language language) {
    return language.pick(
        """
        あなたは一日の予定を組むアシスタントです。与えられたタスクを時間割に配置し、JSON だけで答えてください。
        ルール:
        1. すべてのタスクを勤務時間の中に置く。
        2. 休憩時間と重ねない。タスク同士も重ねない。
        3. 各タスクの所要時間（分）をそのまま守る。start と end は 24 時間制の "HH:mm"。
        4. 締め切りのあるタスクは締め切りまでに終える。
        5. 優先度の高いタスクを先に、締め切りの早いタスクを先に置く。
        6. 入らないタスクだけを unscheduled に理由（日本語）を付けて入れる。すべてのタスクを schedule か unscheduled のどちらかに一度だけ入れる。
        7. 新しいタスクを作らない。title は与えられたものを一字一句そのまま使う。
        8. note には一日についての短いひとことを日本語で書く。
        """,
        """
        You are an assistant that plans a working day. Place the given tasks in a timetable and answer with JSON only.
        Rules:
        1. Put every task inside the working hours.
        2. Never overlap a break, and never overlap two tasks.
        3. Keep each task's duration in minutes exactly. Write start and end as 24-hour "HH:mm".
        4. Finish tasks that have a deadline by their deadline.
        5. Place high-priority tasks and early deadlines first.
        6. Put only tasks that do not fit in "unscheduled", each with a reason in English. List every task exactly once, in "schedule" or in "unscheduled".
        7. Do not invent tasks. Copy each title exactly as given.
        8. Write one short sentence about the day in "note", in English.
        """);
  }

  static String day(DayPlan plan) {
    Language language = plan.language();
    String breaks =
        plan.breaks().isEmpty()
            ? language.pick("なし", "none")
            : plan.breaks().stream().map(TimeRange::toString).collect(Collectors.joining(", "));
    StringBuilder text = new StringBuilder();
    text.append(language.pick("日付: ", "Date: ")).append(plan.date()).append('\n');
    text.append(language.pick("勤務時間: ", "Working hours: "))
        .append(plan.workingHours())
        .append('\n');
    text.append(language.pick("休憩: ", "Breaks: ")).append(breaks).append('\n');
    text.append(language.pick("タスク:", "Tasks:")).append('\n');
    for (Task task : plan.tasks()) {
      text.append("- title: ")
          .append(quote(task.title()))
          .append(language.pick(", 所要時間: ", ", minutes: "))
          .append(task.minutes())
          .append(language.pick("分", ""))
          .append(language.pick(", 優先度: ", ", priority: "))
          .append(task.priority().label(language));
      task.deadline()
          .ifPresent(
              deadline ->
                  text.append(language.pick(", 締め切り: ", ", deadline: "))
                      .append(TimeRange.format(deadline)));
      text.append('\n');
    }
    text.append(
        language.pick("この条件で一日の予定を JSON で作ってください。", "Plan this day and answer with the JSON."));
    return text.toString();
  }

  static String retry(List<Violation> violations, Language language) {
    StringBuilder text =
        new StringBuilder(
            language.pick(
                "前の回答には次の問題がありました。すべて直して、同じ JSON 形式で答え直してください。\n",
                "Your previous answer broke these rules. Fix all of them and answer again with the"
                    + " same JSON format.\n"));
    for (Violation violation : violations) {
      text.append("- ").append(violation.text(language)).append('\n');
    }
    return text.toString();
  }

  private static String quote(String title) {
    try {
      return MAPPER.writeValueAsString(title);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a String always serialises", e);
    }
  }
}
