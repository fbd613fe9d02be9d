package io.github.ollamaclient.examples.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks a schedule request, so that every mistake is reported as a 400 naming the exact
 * field ({@code tasks[1].minutes must be greater than 0}), which data binding cannot do.
 *
 * <p>The JSON: {@code {"date": "2026-11-25", "workingHours": {"start": "09:00", "end": "18:00"},
 * "breaks": [{"start": "12:00", "end": "13:00"}], "tasks": [{"title": "...", "minutes": 90,
 * "priority": "high", "deadline": "15:00"}], "language": "ja"}}. {@code date} defaults to today,
 * {@code breaks} to none, {@code priority} to {@code medium}, {@code language} to {@code ja};
 * {@code workingHours} and {@code tasks} are required. An unknown field is refused by name, as the
 * CORS proxy refuses one, and every list and string is bounded: {@code tasks} by {@code
 * app.max-tasks}, {@code breaks} by {@code app.max-breaks}, a title by {@code app.max-title-chars},
 * the other strings by their format ({@code HH:mm}, a date, a priority or language name). A value
 * quoted back in an error is cut short.
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

  /** Checks a parsed JSON request, within the default limits. */
  public static DayPlan read(JsonNode root, LocalDate today) {
    return read(root, today, SuggesterProperties.DEFAULTS);
  }

  /** Checks a parsed JSON request, within {@code app.max-tasks} and {@code app.max-title-chars}. */
  public static DayPlan read(JsonNode root, LocalDate today, SuggesterProperties limits) {
    if (root == null || !root.isObject()) {
      throw new InvalidRequestException("body", "must be a JSON object");
    }
    only(root, "", "date", "workingHours", "breaks", "tasks", "language");
    LocalDate date = today;
    JsonNode dateNode = root.get("date");
    if (isPresent(dateNode)) {
      String text = text(dateNode, "date");
      try {
        date = LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new InvalidRequestException(
            "date", "must be a date like 2026-11-25, was \"" + shown(text) + "\"");
      }
    }
    TimeRange workingHours = range(required(root, "workingHours"), "workingHours");
    List<TimeRange> breaks = new ArrayList<>();
    JsonNode breaksNode = root.get("breaks");
    if (isPresent(breaksNode)) {
      if (!breaksNode.isArray()) {
        throw new InvalidRequestException("breaks", "must be an array");
      }
      if (breaksNode.size() > limits.maxBreaks()) {
        throw new InvalidRequestException(
            "breaks",
            "must hold at most "
                + limits.maxBreaks()
                + " breaks (app.max-breaks), held "
                + breaksNode.size());
      }
      for (int i = 0; i < breaksNode.size(); i++) {
        breaks.add(range(breaksNode.get(i), "breaks[" + i + "]"));
      }
    }
    JsonNode tasksNode = required(root, "tasks");
    if (!tasksNode.isArray()) {
      throw new InvalidRequestException("tasks", "must be an array");
    }
    if (tasksNode.isEmpty()) {
      throw new InvalidRequestException("tasks", "must not be empty");
    }
    if (tasksNode.size() > limits.maxTasks()) {
      throw new InvalidRequestException(
          "tasks",
          "must hold at most "
              + limits.maxTasks()
              + " tasks (app.max-tasks), held "
              + tasksNode.size());
    }
    List<Task> tasks = new ArrayList<>();
    Set<String> titles = new HashSet<>();
    for (int i = 0; i < tasksNode.size(); i++) {
      Task task = task(tasksNode.get(i), "tasks[" + i + "]", limits.maxTitleChars());
      if (!titles.add(task.title())) {
        throw new InvalidRequestException(
            "tasks[" + i + "].title", "must be unique, \"" + task.title() + "\" appears twice");
      }
      tasks.add(task);
    }
    Language language = Language.JA;
    JsonNode languageNode = root.get("language");
    if (isPresent(languageNode)) {
      String text = text(languageNode, "language");
      language =
          Language.fromWire(text)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "language", "must be \"ja\" or \"en\", was \"" + shown(text) + "\""));
    }
    return new DayPlan(date, workingHours, breaks, tasks, language);
  }

  private static Task task(JsonNode node, String path, int maxTitleChars) {
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(path, "must be an object");
    }
    only(node, path, "title", "minutes", "priority", "deadline");
    JsonNode titleNode = node.get("title");
    if (!isPresent(titleNode)) {
      throw new InvalidRequestException(path + ".title", "is missing");
    }
    String title = text(titleNode, path + ".title").strip();
    if (title.isEmpty()) {
      throw new InvalidRequestException(path + ".title", "must not be blank");
    }
    if (title.length() > maxTitleChars) {
      throw new InvalidRequestException(
          path + ".title",
          "must be at most "
              + maxTitleChars
              + " characters (app.max-title-chars), was "
              + title.length());
    }
    JsonNode minutesNode = node.get("minutes");
    if (!isPresent(minutesNode)) {
      throw new InvalidRequestException(path + ".minutes", "is missing");
    }
    if (!minutesNode.isIntegralNumber() || !minutesNode.canConvertToInt()) {
      throw new InvalidRequestException(
          path + ".minutes",
          "must be a whole number of minutes, was " + shown(minutesNode.toString()));
    }
    int minutes = minutesNode.intValue();
    if (minutes <= 0) {
      throw new InvalidRequestException(
          path + ".minutes", "must be greater than 0, was " + minutes);
    }
    if (minutes > 24 * 60) {
      throw new InvalidRequestException(
          path + ".minutes", "must be at most 1440 (one day), was " + minutes);
    }
    Priority priority = Priority.MEDIUM;
    JsonNode priorityNode = node.get("priority");
    if (isPresent(priorityNode)) {
      String text = text(priorityNode, path + ".priority");
      priority =
          Priority.fromWire(text)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          path + ".priority",
                          "must be \"high\", \"medium\" or \"low\", was \"" + shown(text) + "\""));
    }
    Optional<LocalTime> deadline = Optional.empty();
    JsonNode deadlineNode = node.get("deadline");
    if (isPresent(deadlineNode)) {
      deadline = Optional.of(time(deadlineNode, path + ".deadline"));
    }
    return new Task(title, minutes, priority, deadline);
  }

  private static TimeRange range(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(path, "must be an object with \"start\" and \"end\"");
    }
    only(node, path, "start", "end");
    LocalTime start = time(required(node, "start", path), path + ".start");
    LocalTime end = time(required(node, "end", path), path + ".end");
    if (!end.isAfter(start)) {
      throw new InvalidRequestException(
          path + ".end",
          "must be after start " + TimeRange.format(start) + ", was " + TimeRange.format(end));
    }
    return new TimeRange(start, end);
  }

  private static LocalTime time(JsonNode node, String path) {
    String text = text(node, path);
    return TimeRange.parse(text)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    path,
                    "must be a time written HH:mm (such as 09:30), was \"" + shown(text) + "\""));
  }

  private static JsonNode required(JsonNode parent, String name) {
    return required(parent, name, "");
  }

  private static JsonNode required(JsonNode parent, String name, String parentPath) {
    JsonNode node = parent.get(name);
    String path = parentPath.isEmpty() ? name : parentPath + "." + name;
    if (!isPresent(node)) {
      throw new InvalidRequestException(path, "is missing");
    }
    return node;
  }

  private static String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw new InvalidRequestException(path, "must be a string, was " + shown(node.toString()));
    }
    return node.textValue();
  }

  /** Refuses a field not named, as the CORS proxy does: a misspelt one must not vanish. */
  private static void only(JsonNode object, String path, String... known) {
    Set<String> allowed = Set.of(known);
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String field = path.isEmpty() ? shown(name) : path + "." + shown(name);
        throw InvalidRequestException.unknownField(field, new TreeSet<>(allowed));
      }
    }
  }

  /** A value quoted back in an error, cut short: the answer must not echo a megabyte. */
  private static String shown(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }

  private static boolean isPresent(JsonNode node) {
    return node != null && !node.isNull();
  }
}
