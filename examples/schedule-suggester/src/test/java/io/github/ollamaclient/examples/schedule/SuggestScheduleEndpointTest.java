package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.Fixtures.MODEL;
import static io.github.ollamaclient.examples.schedule.Fixtures.OUT_OF_HOURS_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.OVERLAPPING_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.REQUEST_EN;
import static io.github.ollamaclient.examples.schedule.Fixtures.REQUEST_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.VALID_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.assertValidAnswer;
import static io.github.ollamaclient.examples.schedule.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Fault;
import io.github.ollamaclient.testkit.PromptMatcher;
import io.github.ollamaclient.testkit.RecordedRequest;
import io.github.ollamaclient.testkit.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SuggestScheduleEndpointTest {
  @RegisterExtension static final FakeOllama ollama = FakeOllama.create().withModel(MODEL);

  /** The Japanese retry prompt starts with this; the English one with "Your previous answer". */
  private static final String RETRY_JA = "前の回答には次の問題がありました";

  @DynamicPropertySource
  static void ollamaProperties(DynamicPropertyRegistry registry) {
    registry.add("ollama.base-url", ollama::baseUrl);
  }

  @Value("${local.server.port}")
  int port;

  Fixtures.Http http;

  @BeforeEach
  void client() {
    http = new Fixtures.Http(port);
  }

  private HttpResponse<String> suggest(String body) {
    return http.post("/api/suggest-schedule", body);
  }

  @Test
  void returnsTheModelsScheduleWhenItPassesEveryCheck() {
    ollama.model(MODEL).reply(Reply.json(VALID_JA));

    HttpResponse<String> response = suggest(REQUEST_JA);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    ScheduleResponse answer = assertValidAnswer(REQUEST_JA, response.body());
    assertThat(answer.source()).isEqualTo("model");
    assertThat(answer.schedule())
        .containsExactly(
            new Schedule.Slot("資料作成", "09:00", "10:30"),
            new Schedule.Slot("メール返信", "10:30", "11:00"),
            new Schedule.Slot("コードレビュー", "11:00", "12:00"));
    assertThat(answer.note()).isEqualTo("午前中に集中して片付けましょう。");
    assertThat(ollama.requestCount()).isEqualTo(1);
  }

  @Test
  void sendsTheJsonSchemaOfTheAnswerRecordAsFormat() {
    ollama.model(MODEL).reply(Reply.json(VALID_JA));

    suggest(REQUEST_JA);

    RecordedRequest chat = ollama.takeRequest();
    assertThat(chat.path()).isEqualTo("/api/chat");
    assertThat(chat.model()).isEqualTo(MODEL);
    JsonNode format = chat.format().orElseThrow();
    assertThat(format.path("type").asText()).isEqualTo("object");
    assertThat(format.path("required").toString()).contains("schedule", "unscheduled", "note");
    JsonNode slot = format.path("properties").path("schedule").path("items");
    assertThat(slot.path("properties").has("start")).isTrue();
    assertThat(slot.path("properties").has("end")).isTrue();
    // client.chat() streams from Ollama and joins the chunks, so no read timeout cuts it off.
    assertThat(chat.body().path("stream").asBoolean(false)).isTrue();
  }

  @Test
  void asksInJapaneseByDefault() {
    ollama.model(MODEL).reply(Reply.json(VALID_JA));

    suggest(REQUEST_JA);

    List<JsonNode> messages = ollama.takeRequest().messages();
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
    assertThat(messages.get(0).path("content").asText()).contains("あなたは一日の予定を組むアシスタントです");
    assertThat(messages.get(1).path("content").asText())
        .contains("勤務時間: 09:00-18:00", "休憩: 12:00-13:00", "\"資料作成\"", "締め切り: 15:00")
        .doesNotContain("Working hours");
  }

  @Test
  void asksInEnglishWhenTheRequestSaysEn() {
    ollama
        .model(MODEL)
        .reply(
            Reply.json(
                """
                {"schedule": [{"title": "Write report", "start": "09:00", "end": "10:30"},
                              {"title": "Answer mail", "start": "10:30", "end": "11:00"}],
                 "unscheduled": [], "note": "A calm morning."}
                """));

    HttpResponse<String> response = suggest(REQUEST_EN);

    assertThat(assertValidAnswer(REQUEST_EN, response.body()).source()).isEqualTo("model");
    List<JsonNode> messages = ollama.takeRequest().messages();
    assertThat(messages.get(0).path("content").asText())
        .contains("You are an assistant that plans a working day")
        .doesNotContain("あなた");
    assertThat(messages.get(1).path("content").asText())
        .contains("Working hours: 09:00-18:00", "priority: high", "deadline: 15:00")
        .doesNotContain("勤務時間");
  }

  @Test
  void retriesOnceWithTheOverlapFedBackThenReturnsTheValidAnswer() {
    ollama
        .model(MODEL)
        .reply(PromptMatcher.contains(RETRY_JA), Reply.json(VALID_JA))
        .reply(Reply.json(OVERLAPPING_JA));

    HttpResponse<String> response = suggest(REQUEST_JA);

    ScheduleResponse answer = assertValidAnswer(REQUEST_JA, response.body());
    assertThat(answer.source()).isEqualTo("retry");
    assertThat(ollama.requestCount()).isEqualTo(2);
    ollama.takeRequest();
    List<JsonNode> retry = ollama.takeRequest().messages();
    assertThat(retry).hasSize(4);
    assertThat(retry.get(2).path("role").asText()).isEqualTo("assistant");
    assertThat(tree(retry.get(2).path("content").asText())).isEqualTo(tree(OVERLAPPING_JA));
    assertThat(retry.get(3).path("role").asText()).isEqualTo("user");
    assertThat(retry.get(3).path("content").asText())
        .startsWith(RETRY_JA)
        .contains("「資料作成」(09:00-10:30) と「メール返信」(10:00-10:30) が重なっています");
  }

  @Test
  void retriesWhenTheReplyLeavesTheWorkingHours() {
    ollama
        .model(MODEL)
        .reply(PromptMatcher.contains(RETRY_JA), Reply.json(VALID_JA))
        .reply(Reply.json(OUT_OF_HOURS_JA));

    ScheduleResponse answer = assertValidAnswer(REQUEST_JA, suggest(REQUEST_JA).body());

    assertThat(answer.source()).isEqualTo("retry");
    ollama.takeRequest();
    assertThat(ollama.takeRequest().lastUserMessage())
        .contains("「コードレビュー」(18:00-19:00) が勤務時間 09:00-18:00 の外にはみ出しています");
  }

  @Test
  void feedsTheViolationsBackInEnglishForAnEnglishRequest() {
    ollama
        .model(MODEL)
        .reply(
            Reply.json(
                """
                {"schedule": [{"title": "Write report", "start": "12:00", "end": "13:30"},
                              {"title": "Answer mail", "start": "09:00", "end": "09:30"}],
                 "unscheduled": [], "note": "Lunch meeting."}
                """));

    ScheduleResponse answer = assertValidAnswer(REQUEST_EN, suggest(REQUEST_EN).body());

    assertThat(answer.source()).isEqualTo("fallback");
    ollama.takeRequest();
    assertThat(ollama.takeRequest().lastUserMessage())
        .startsWith("Your previous answer broke these rules")
        .contains("\"Write report\" (12:00-13:30) overlaps the break 12:00-13:00");
    assertThat(answer.note()).startsWith("Made by the built-in scheduler");
  }

  @Test
  void fallsBackWithoutRetryWhenTheReplyIsNotJson() {
    ollama.failNext(
        Fault.status(
            200,
            "application/json; charset=utf-8",
            """
            {"model": "%s", "created_at": "2026-11-25T09:00:00Z",
             "message": {"role": "assistant", "content": "すみません、予定は作れません。"},
             "done": true, "done_reason": "stop"}
            """
                .formatted(MODEL)));

    HttpResponse<String> response = suggest(REQUEST_JA);

    assertThat(response.statusCode()).isEqualTo(200);
    ScheduleResponse answer = assertValidAnswer(REQUEST_JA, response.body());
    assertThat(answer.source()).isEqualTo("fallback");
    assertThat(answer.note()).contains("正しい JSON ではなかった", "組み込みのスケジューラ");
    assertThat(answer.schedule())
        .containsExactly(
            new Schedule.Slot("資料作成", "09:00", "10:30"),
            new Schedule.Slot("メール返信", "10:30", "11:00"),
            new Schedule.Slot("コードレビュー", "11:00", "12:00"));
    assertThat(ollama.requestCount()).isEqualTo(1);
  }

  @Test
  void fallsBackWhenTheReplyIsJsonOfTheWrongShape() {
    ollama.model(MODEL).reply(Reply.json("{\"schedule\": \"午前に全部\", \"note\": 3}"));

    ScheduleResponse answer = assertValidAnswer(REQUEST_JA, suggest(REQUEST_JA).body());

    assertThat(answer.source()).isEqualTo("fallback");
    assertThat(ollama.requestCount()).isEqualTo(1);
  }

  @Test
  void fallsBackWhenTheRetryIsStillInvalid() {
    ollama.model(MODEL).reply(Reply.json(OVERLAPPING_JA));

    HttpResponse<String> response = suggest(REQUEST_JA);

    ScheduleResponse answer = assertValidAnswer(REQUEST_JA, response.body());
    assertThat(answer.source()).isEqualTo("fallback");
    assertThat(answer.note()).contains("二度とも条件を満たさなかった", "重なっています");
    assertThat(ollama.requestCount()).isEqualTo(2);
  }

  @Test
  void neverReturnsAReplyThatMissesADeadline() {
    String late =
        """
        {"schedule": [
           {"title": "メール返信", "start": "09:00", "end": "09:30"},
           {"title": "コードレビュー", "start": "09:30", "end": "10:30"},
           {"title": "資料作成", "start": "14:00", "end": "15:30"}],
         "unscheduled": [], "note": "午後に資料を仕上げます。"}
        """;
    ollama.model(MODEL).reply(Reply.json(late));

    ScheduleResponse answer = assertValidAnswer(REQUEST_JA, suggest(REQUEST_JA).body());

    assertThat(answer.source()).isEqualTo("fallback");
    ollama.takeRequest();
    assertThat(ollama.takeRequest().lastUserMessage())
        .contains("「資料作成」は締め切り 15:00 までに終わりません (14:00-15:30)");
    assertThat(answer.schedule())
        .filteredOn(slot -> slot.title().equals("資料作成"))
        .singleElement()
        .satisfies(slot -> assertThat(slot.end()).isLessThanOrEqualTo("15:00"));
  }

  @Test
  void listsEveryTaskOnceAsPlacedOrUnscheduled() {
    String request =
        """
        {"date": "2026-11-25",
         "workingHours": {"start": "09:00", "end": "17:00"},
         "breaks": [{"start": "12:00", "end": "13:00"}],
         "tasks": [
           {"title": "設計", "minutes": 180, "priority": "high"},
           {"title": "実装", "minutes": 240, "priority": "medium"},
           {"title": "テスト", "minutes": 120, "priority": "low"}
         ]}
        """;
    // Drops テスト and invents 昼寝: both fed back, and still wrong on the retry.
    ollama
        .model(MODEL)
        .reply(
            Reply.json(
                """
                {"schedule": [{"title": "設計", "start": "09:00", "end": "12:00"},
                              {"title": "実装", "start": "13:00", "end": "17:00"},
                              {"title": "昼寝", "start": "12:00", "end": "12:30"}],
                 "unscheduled": [], "note": "充実した一日です。"}
                """));

    ScheduleResponse answer = assertValidAnswer(request, suggest(request).body());

    ollama.takeRequest();
    assertThat(ollama.takeRequest().lastUserMessage())
        .contains("「昼寝」はタスク一覧にありません", "「テスト」が schedule にも unscheduled にもありません");
    assertThat(answer.source()).isEqualTo("fallback");
    assertThat(answer.schedule())
        .containsExactly(
            new Schedule.Slot("設計", "09:00", "12:00"), new Schedule.Slot("実装", "13:00", "17:00"));
    assertThat(answer.unscheduled())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.title()).isEqualTo("テスト");
              assertThat(item.reason()).contains("120 分の連続した空き時間が残っていません");
            });
  }

  @Test
  void keepsTheModelsUnscheduledTasksWithTheirReasons() {
    String request =
        """
        {"workingHours": {"start": "09:00", "end": "10:00"},
         "tasks": [{"title": "朝会", "minutes": 30, "priority": "high"},
                   {"title": "大掃除", "minutes": 120, "priority": "low"}]}
        """;
    ollama
        .model(MODEL)
        .reply(
            Reply.json(
                """
                {"schedule": [{"title": "朝会", "start": "09:00", "end": "09:30"}],
                 "unscheduled": [{"title": "大掃除", "reason": "時間が足りません"}],
                 "note": "短い一日です。"}
                """));

    ScheduleResponse answer = assertValidAnswer(request, suggest(request).body());

    assertThat(answer.source()).isEqualTo("model");
    assertThat(answer.unscheduled()).containsExactly(new Schedule.Unscheduled("大掃除", "時間が足りません"));
  }

  @Test
  void answers404WithThePullHintWhenTheModelIsMissing() {
    ollama.removeModel(MODEL);

    HttpResponse<String> response = suggest(REQUEST_JA);

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = tree(response.body());
    assertThat(error.path("error").asText()).contains(MODEL, "not on the Ollama server");
    assertThat(error.path("error").asText()).contains("pull it first: ollama pull " + MODEL);
  }
}
