package io.github.ollamaclient.examples.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaclient.examples.common.InvalidRequestException;
import io.github.ollamaclient.examples.common.RequestJson;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks a schedule request, so that every mistake is reported as a 400 naming the exact
 * field ({@code tasks[1].minutes must be greater than 0}).
 *
 * <p>The JSON: {@code {"date": "2026-11-25", "workingHours": {"start": "09:00", "end": "18:00"},
 * "breaks": [{"start": "12:00", "end": "13:00"}], "tasks": [{"title": "...", "minutes": 90,
 * "priority": "high", "deadline": "15:00"}], "language": "ja"}}. {@code date} defaults to today,
 * {@code breaks} to none, {@code priority} to {@code medium}, {@code language} to {@code ja};
 * {@code workingHours} and {@code tasks} are required. Jackson binds it ({@link RequestJson}: an
 * unknown field or a value of the wrong type is refused by name, as the CORS proxy refuses one);
 * {@link TimeRange} and {@link Task} check their own fields as they are bound, and the request its
 * bounds here: {@code tasks} by {@code app.max-tasks}, {@code breaks} by {@code app.max-breaks}, a
 * title by {@code app.max-title-chars}, the other strings by their format ({@code HH:mm}, a date, a
 * priority or language name). A value quoted back in an error is cut short.
 */
public final class RequestReader {
  /**
   * The most tasks one request may hold when {@code app.max-tasks} is not set: keeps the prompt
   * within a small model's context.
   */
  public static final int MAX_TASKS = SuggesterProperties.DEFAULTS.maxTasks();

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestReader() {}

  /** Parses the bytes of a JSON request and checks it, within the default limits. */
  public static DayPlan read(byte[] body, LocalDate today) {
    return read(body, today, SuggesterProperties.DEFAULTS);
  }

  /**
   * Parses the bytes of a JSON request and checks it, within {@code app.max-tasks} and {@code
   * app.max-title-chars}.
   */
  public static DayPlan read(byte[] body, LocalDate today, SuggesterProperties limits) {
    if (body == null || body.length == 0) {
      throw new InvalidRequestException("body", "must be a JSON object, was empty");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("body", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidRequestException("body", "could not be read: " + e.getMessage());
    }
    return read(root, today, limits);
  }

  /** Checks a parsed JSON request, within {@code app.max-tasks} and {@code app.max-title-chars}. */
  public static DayPlan read(JsonNode root, LocalDate today, SuggesterProperties limits) {
    return RequestJson.read(root, Body.class).plan(today, limits);
  }

  /** The request as sent; its ranges and tasks already checked by their creators. */
  private record Body(
      @JsonProperty("date") String date,
      @JsonProperty("workingHours") TimeRange workingHours,
      @JsonProperty("breaks") List<TimeRange> breaks,
      @JsonProperty("tasks") List<Task> tasks,
      @JsonProperty("language") String language) {

    DayPlan plan(LocalDate today, SuggesterProperties limits) {
      if (workingHours == null) {
        throw new InvalidRequestException("workingHours", "is missing");
      }
      List<TimeRange> breakList = breaks == null ? List.of() : breaks;
      within("breaks", breakList, limits.maxBreaks(), "breaks (app.max-breaks)");
      if (tasks == null) {
        throw new InvalidRequestException("tasks", "is missing");
      }
      if (tasks.isEmpty()) {
        throw new InvalidRequestException("tasks", "must not be empty");
      }
      within("tasks", tasks, limits.maxTasks(), "tasks (app.max-tasks)");
      Set<String> titles = new HashSet<>();
      for (int i = 0; i < tasks.size(); i++) {
        String title = tasks.get(i).title();
        if (title.length() > limits.maxTitleChars()) {
          throw new InvalidRequestException(
              "tasks[" + i + "].title",
              "must be at most "
                  + limits.maxTitleChars()
                  + " characters (app.max-title-chars), was "
                  + title.length());
        }
        if (!titles.add(title)) {
          throw new InvalidRequestException(
              "tasks[" + i + "].title", "must be unique, \"" + title + "\" appears twice");
        }
      }
      return new DayPlan(date(today), workingHours, breakList, tasks, chosenLanguage());
    }

    /** At most {@code max} entries, none of them {@code null}. */
    private static void within(String field, List<?> list, int max, String what) {
      if (list.size() > max) {
        throw new InvalidRequestException(
            field, "must hold at most " + max + " " + what + ", held " + list.size());
      }
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          throw new InvalidRequestException(field + "[" + i + "]", "must be an object");
        }
      }
    }

    private LocalDate date(LocalDate today) {
      if (date == null) {
        return today;
      }
      try {
        return LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new InvalidRequestException(
            "date", "must be a date like 2026-11-25, was \"" + RequestJson.shown(date) + "\"");
      }
    }

    private Language chosenLanguage() {
      if (language == null) {
        return Language.JA;
      }
      return Language.fromWire(language)
          .orElseThrow(
              () ->
                  new InvalidRequestException(
                      "language",
                      "must be \"ja\" or \"en\", was \"" + RequestJson.shown(language) + "\""));
    }
  }
}
