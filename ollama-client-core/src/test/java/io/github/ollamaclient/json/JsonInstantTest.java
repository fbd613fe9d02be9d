package io.github.ollamaclient.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.error.OllamaProtocolException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonInstantTest {
  /**
   * Timestamps in a row, as a stream's chunks bring them: the minute's date and time are parsed
   * once and reused while the minute stays the same, so the reuse must never carry over wrongly.
   */
  @Test
  void readsTimestampsInARowAsJavaTimeDoes() {
    String[] texts = {
      "2023-08-04T19:22:45.499127Z",
      "2023-08-04T19:22:46.5Z",
      "2023-08-04T19:22:46.5-07:00",
      "2023-08-04T19:23:00Z",
      "2023-08-04T19:22:59.999999999+05:30",
      "2024-08-04T19:22:59Z",
      "2024-08-04T19:22:59Z",
      "2024-02-29T19:22:01Z",
      "2024-02-29T19:22:02.1Z"
    };
    for (String text : texts) {
      char[] buffer = ("\"" + text + "\"").toCharArray();
      assertThat(Json.instant(buffer, 1, text.length()))
          .as(text)
          .isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
  }

  @Test
  void rejectsABadSecondAfterAGoodTimestampOfTheSameMinute() {
    Json.instant("2023-08-04T19:22:45Z".toCharArray(), 0, 20);
    String text = "2023-08-04T19:22:61Z";

    assertThatThrownBy(() -> Json.instant(text.toCharArray(), 0, text.length()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-08-04T19:22:45.499127Z",
        "2023-08-04T08:52:19.385406455-07:00",
        "2024-06-04T14:38:31.83753+05:30",
        "2025-10-02T14:03:12Z",
        "2024-02-29T23:59:59.1-00:00",
        "1999-12-31T00:00:00.000000001+18:00",
        "2023-08-04t19:22:45Z",
        "2023-08-04T19:22:45.499127z",
        "2023-08-04T19:22:45+01:30:15",
        "2023-08-04T19:22:45.Z"
      })
  void readsATimestampAsJavaTimeDoes(String text) {
    assertThat(Json.instant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-08-04T19:22:45.499127Z",
        "2023-08-04T08:52:19.385406455-07:00",
        "2023-08-04t19:22:45Z",
        "2023-08-04T19:22:45+01:30:15"
      })
  void readsATimestampInsideACharBufferAsFromAString(String text) {
    char[] buffer = ("\"x\":\"" + text + "\"}").toCharArray();

    assertThat(Json.instant(buffer, 5, text.length())).isEqualTo(Json.instant(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-02-29T19:22:45Z", "2023-08-04T19:22:45", "2023-0a-04T19:22:45Z"})
  void rejectsInsideACharBufferWhatJavaTimeRejects(String text) {
    char[] buffer = ("[" + text + "]").toCharArray();

    assertThatThrownBy(() -> Json.instant(buffer, 1, text.length()))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("not an RFC 3339 timestamp: \"" + text + "\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29T19:22:45Z",
        "2023-13-04T19:22:45Z",
        "2023-08-04T24:00:00Z",
        "2023-08-04T19:22:60Z",
        "2023-08-04T19:22:45.1234567890Z",
        "2023-08-04T19:22:45+19:00",
        "2023-08-04T19:22:45",
        "2023-08-04 19:22:45Z",
        "2023-0a-04T19:22:45Z"
      })
  void rejectsWhatJavaTimeRejects(String text) {
    assertThatThrownBy(() -> Json.instant(text))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("not an RFC 3339 timestamp");
  }

  @org.junit.jupiter.api.Test
  void readsEveryDateOfTheFourDigitYearsAsJavaTimeDoes() {
    java.time.LocalDate date = java.time.LocalDate.of(0, 1, 1);
    java.time.LocalDate end = java.time.LocalDate.of(9999, 12, 31);
    while (!date.isAfter(end)) {
      String text =
          String.format(
              "%04d-%02d-%02dT23:59:59Z",
              date.getYear(), date.getMonthValue(), date.getDayOfMonth());
      assertThat(Json.instant(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
      date =
          date.plusDays(
              date.getYear() < 10 || date.getYear() > 9990 || date.getMonthValue() == 2 ? 1 : 7);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2023-04-31T00:00:00Z"})
  void rejectsDaysTheMonthDoesNotHave(String text) {
    assertThatThrownBy(() -> Json.instant(text))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("not an RFC 3339 timestamp");
  }
}
