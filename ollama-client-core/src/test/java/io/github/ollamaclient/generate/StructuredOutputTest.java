package io.github.ollamaclient.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.Format;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Structured outputs end to end: the schema of a Java type is sent, the answer parsed back. */
class StructuredOutputTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  enum Transport {
    TRAIN,
    @JsonProperty("plane")
    PLANE
  }

  record Stop(String city, int nights, List<String> sights) {}

  record Itinerary(
      String title,
      LocalDate start,
      Transport transport,
      List<Stop> stops,
      Optional<String> note,
      Optional<Integer> budget) {}

  private static GenerateResponse answer(String json) {
    return new GenerateResponse("m", null, json, null, true, null, null, null, null);
  }

  @Test
  void sendsTheSchemaOfARecordAndParsesTheAnswerBack() {
    ollama.enqueueJson(
        """
        {"model": "llama3.2", "created_at": "2024-12-06T00:48:09.983619Z", "done": true,
         "done_reason": "stop",
         "response": "{\\"title\\": \\"Rhine\\", \\"start\\": \\"2025-05-01\\", \\"transport\\": \\"plane\\", \\"stops\\": [{\\"city\\": \\"Basel\\", \\"nights\\": 2, \\"sights\\": [\\"Münster\\"]}, {\\"city\\": \\"Köln\\", \\"nights\\": 1, \\"sights\\": []}], \\"note\\": \\"bring a raincoat\\"}"}
        """);

    Itinerary itinerary =
        ollama
            .client()
            .generate(
                GenerateRequest.builder("llama3.2")
                    .prompt("Plan a trip along the Rhine.")
                    .format(Format.of(Itinerary.class))
                    .build())
            .responseAs(Itinerary.class);

    assertThat(itinerary)
        .isEqualTo(
            new Itinerary(
                "Rhine",
                LocalDate.of(2025, 5, 1),
                Transport.PLANE,
                List.of(new Stop("Basel", 2, List.of("Münster")), new Stop("Köln", 1, List.of())),
                Optional.of("bring a raincoat"),
                Optional.empty()));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "prompt": "Plan a trip along the Rhine.",
                  "format": {
                    "type": "object",
                    "properties": {
                      "title": {"type": "string"},
                      "start": {"type": "string", "format": "date"},
                      "transport": {"type": "string", "enum": ["TRAIN", "plane"]},
                      "stops": {"type": "array", "items": {
                        "type": "object",
                        "properties": {
                          "city": {"type": "string"},
                          "nights": {"type": "integer"},
                          "sights": {"type": "array", "items": {"type": "string"}}
                        },
                        "required": ["city", "nights", "sights"]
                      }},
                      "note": {"type": "string"},
                      "budget": {"type": "integer"}
                    },
                    "required": ["title", "start", "transport", "stops"]
                  },
                  "stream": true
                }
                """));
  }

  @Test
  void absentAndNullOptionalsParseAsEmpty() {
    Itinerary itinerary =
        answer(
                """
                {"title": "t", "start": "2025-01-31", "transport": "TRAIN", "stops": [],
                 "budget": null}
                """)
            .responseAs(Itinerary.class);

    assertThat(itinerary.note()).isEmpty();
    assertThat(itinerary.budget()).isEmpty();
  }

  @Test
  void presentOptionalsParseTheirValue() {
    Itinerary itinerary =
        answer(
                """
                {"title": "t", "start": "2025-01-31", "transport": "TRAIN", "stops": [],
                 "note": "", "budget": 1200}
                """)
            .responseAs(Itinerary.class);

    assertThat(itinerary.note()).contains("");
    assertThat(itinerary.budget()).contains(1200);
  }

  record Timeline(
      LocalDate day,
      LocalTime time,
      LocalDateTime local,
      OffsetDateTime offset,
      ZonedDateTime zoned,
      Instant instant,
      Duration length) {}

  @Test
  void parsesTheJavaTimeTypesFromIsoText() {
    Timeline timeline =
        answer(
                """
                {"day": "2025-03-09", "time": "07:30:00", "local": "2025-03-09T07:30:00",
                 "offset": "2025-03-09T07:30:00+01:00", "zoned": "2025-03-09T07:30:00Z",
                 "instant": "2025-03-09T07:30:00.5-07:00", "length": "PT1H30M"}
                """)
            .responseAs(Timeline.class);

    assertThat(timeline)
        .isEqualTo(
            new Timeline(
                LocalDate.of(2025, 3, 9),
                LocalTime.of(7, 30),
                LocalDateTime.of(2025, 3, 9, 7, 30),
                OffsetDateTime.of(2025, 3, 9, 7, 30, 0, 0, ZoneOffset.ofHours(1)),
                ZonedDateTime.of(2025, 3, 9, 7, 30, 0, 0, ZoneOffset.UTC),
                Instant.parse("2025-03-09T14:30:00.500Z"),
                Duration.ofMinutes(90)));
  }

  record LocalTimes(LocalTime time, LocalDateTime local) {}

  @Test
  void localTimesWithAnOffsetKeepTheWallClockTimeTheModelWrote() {
    // The schema's RFC 3339 formats ask for an offset, so a model may add one.
    LocalTimes times =
        answer("{\"time\": \"07:30:00Z\", \"local\": \"2025-03-09T07:30:00+09:00\"}")
            .responseAs(LocalTimes.class);

    assertThat(times)
        .isEqualTo(new LocalTimes(LocalTime.of(7, 30), LocalDateTime.of(2025, 3, 9, 7, 30)));
  }

  @Test
  void anInvalidDateIsAProtocolErrorNamingTheText() {
    assertThatThrownBy(
            () ->
                answer(
                        """
                        {"title": "t", "start": "next Tuesday", "transport": "TRAIN",
                         "stops": []}
                        """)
                    .responseAs(Itinerary.class))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("generate response is not a JSON Itinerary")
        .hasMessageContaining("next Tuesday");
  }

  @Test
  void aNumberWhereADateBelongsIsAProtocolError() {
    assertThatThrownBy(
            () ->
                answer(
                        """
                        {"title": "t", "start": 20250131, "transport": "TRAIN", "stops": []}
                        """)
                    .responseAs(Itinerary.class))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("LocalDate");
  }

  static class Book {
    public String title;
    private final List<String> authors = new ArrayList<>();
    public Optional<Map<String, Integer>> ratings = Optional.empty();

    public List<String> getAuthors() {
      return authors;
    }
  }

  @Test
  void plainClassesParseLikeTheirSchemaSays() {
    assertThat(Format.of(Book.class).schema().orElseThrow().get("required"))
        .isEqualTo(MockOllama.json("[\"title\", \"authors\"]"));

    Book book =
        answer(
                """
                {"title": "Dune", "authors": ["Frank Herbert"], "ratings": {"ign": 9}}
                """)
            .responseAs(Book.class);

    assertThat(book.title).isEqualTo("Dune");
    assertThat(book.getAuthors()).containsExactly("Frank Herbert");
    assertThat(book.ratings).contains(Map.of("ign", 9));
  }
}
