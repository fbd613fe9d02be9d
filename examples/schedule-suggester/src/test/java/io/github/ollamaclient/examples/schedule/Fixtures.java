package io.github.ollamaclient.examples.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** Requests, replies and checks shared by the tests. */
final class Fixtures {
  static final String MODEL = "7shi/ezo-gemma-2-jpn:2b-instruct-q8_0";
  static final ObjectMapper JSON = new ObjectMapper();
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  /** Three tasks in a 09:00-18:00 day with lunch 12:00-13:00; the report is due at 15:00. */
  static final String REQUEST_JA =
      """
      {"date": "2026-11-25",
       "workingHours": {"start": "09:00", "end": "18:00"},
       "breaks": [{"start": "12:00", "end": "13:00"}],
       "tasks": [
         {"title": "資料作成", "minutes": 90, "priority": "high", "deadline": "15:00"},
         {"title": "メール返信", "minutes": 30, "priority": "medium"},
         {"title": "コードレビュー", "minutes": 60, "priority": "low"}
       ]}
      """;

  static final String REQUEST_EN =
      """
      {"date": "2026-11-25",
       "workingHours": {"start": "09:00", "end": "18:00"},
       "breaks": [{"start": "12:00", "end": "13:00"}],
       "tasks": [
         {"title": "Write report", "minutes": 90, "priority": "high", "deadline": "15:00"},
         {"title": "Answer mail", "minutes": 30, "priority": "medium"}
       ],
       "language": "en"}
      """;

  static final String VALID_JA =
      """
      {"schedule": [
         {"title": "資料作成", "start": "09:00", "end": "10:30"},
         {"title": "メール返信", "start": "10:30", "end": "11:00"},
         {"title": "コードレビュー", "start": "11:00", "end": "12:00"}],
       "unscheduled": [],
       "note": "午前中に集中して片付けましょう。"}
      """;

  /** メール返信 10:00-10:30 overlaps 資料作成 09:00-10:30. */
  static final String OVERLAPPING_JA =
      """
      {"schedule": [
         {"title": "資料作成", "start": "09:00", "end": "10:30"},
         {"title": "メール返信", "start": "10:00", "end": "10:30"},
         {"title": "コードレビュー", "start": "13:00", "end": "14:00"}],
       "unscheduled": [],
       "note": "がんばりましょう。"}
      """;

  /** コードレビュー 18:00-19:00 is after the working day. */
  static final String OUT_OF_HOURS_JA =
      """
      {"schedule": [
         {"title": "資料作成", "start": "09:00", "end": "10:30"},
         {"title": "メール返信", "start": "10:30", "end": "11:00"},
         {"title": "コードレビュー", "start": "18:00", "end": "19:00"}],
       "unscheduled": [],
       "note": "残業になります。"}
      """;

  private Fixtures() {}

  static DayPlan plan(String requestJson) {
    return RequestReader.read(requestJson.getBytes(StandardCharsets.UTF_8), TODAY);
  }

  static Schedule schedule(String json) {
    try {
      return JSON.readValue(json, Schedule.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the promise of every path: the answer passes every check against the request. */
  static ScheduleResponse assertValidAnswer(String requestJson, String responseJson) {
    ScheduleResponse response;
    try {
      response = JSON.readValue(responseJson, ScheduleResponse.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(ScheduleValidator.check(plan(requestJson), response.asSchedule()))
        .as("violations of the returned schedule %s", responseJson)
        .isEmpty();
    assertThat(response.source()).isIn("model", "retry", "fallback");
    assertThat(response.note()).isNotBlank();
    return response;
  }

  /** A small HTTP client for the app under test, so CORS headers are tested on the wire. */
  static final class Http {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    Http(int port) {
      this.baseUrl = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> post(String path, String body, String... headers) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (headers.length > 0) {
        request.headers(headers);
      }
      return send(request.build());
    }

    HttpResponse<String> options(String path, String... headers) {
      return send(
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
              .headers(headers)
              .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
