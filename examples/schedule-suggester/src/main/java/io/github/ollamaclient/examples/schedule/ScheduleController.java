package io.github.ollamaclient.examples.schedule;

import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/suggest-schedule}: a day's request in, a checked schedule out. Errors are JSON
 * {@code {"error": "..."}} with a status that says whose problem it is: 400 naming the field (or
 * the limit, {@code app.max-tasks}, {@code app.max-title-chars}), 404 with the command that pulls a
 * missing model, 503 when Ollama cannot be reached or is busy ({@code app.max-concurrent}, with
 * {@code Retry-After}), 502 when Ollama answered with an error.
 */
@RestController
public class ScheduleController {
  private final ScheduleSuggester suggester;
  private final OllamaSlots slots;
  private final SuggesterProperties limits;

  /** Creates the controller. */
  public ScheduleController(
      ScheduleSuggester suggester, OllamaSlots slots, SuggesterProperties limits) {
    this.suggester = suggester;
    this.slots = slots;
    this.limits = limits;
  }

  /**
   * Suggests a schedule. The body is read as bytes so that its JSON is checked field by field,
   * before the request takes a slot: a request that would be refused never waits in the queue.
   */
  @PostMapping(path = "/api/suggest-schedule", produces = MediaType.APPLICATION_JSON_VALUE)
  public ScheduleResponse suggest(@RequestBody(required = false) byte[] body) {
    DayPlan plan = RequestReader.read(body, LocalDate.now(), limits);
    // One slot for the whole suggestion: the answer and the retry with feedback, so a request
    // that got its first answer never queues again behind newer ones. When none is free in time,
    // the request is refused with 503 rather than answered by GreedyScheduler: the fallback says
    // "the model answered badly", and a page told that would never learn the model was not asked
    // at all, nor that trying again in a few seconds would get it. That is the rule for Ollama
    // being down, too: only a bad answer falls back.
    OllamaSlots.Slot slot = slots.take();
    try {
      return suggester.suggest(plan);
    } finally {
      slot.close();
    }
  }

  @ExceptionHandler(OllamaBusyException.class)
  ResponseEntity<Map<String, String>> busy(OllamaBusyException e) {
    String seconds = Long.toString(e.retryAfter().toSeconds());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, seconds)
        // A page may read it only when told so: it says "busy, try again in N s". The
        // Access-Control-Allow-Origin of an allowed page is already set by CorsFilter.
        .header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER)
        .contentType(MediaType.APPLICATION_JSON)
        .body(errorBody(e.getMessage(), "retryAfter", seconds));
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Map<String, String>> invalid(InvalidRequestException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), "field", e.field());
  }

  @ExceptionHandler(ModelNotFoundException.class)
  ResponseEntity<Map<String, String>> modelMissing(ModelNotFoundException e) {
    String model = e.model().orElse(suggester.model());
    return error(
        HttpStatus.NOT_FOUND,
        "model \"" + model + "\" is not on the Ollama server",
        "hint",
        "pull it first: ollama pull "
            + model
            + " (or docker compose up -d, whose ollama-pull"
            + " service pulls the default model)");
  }

  @ExceptionHandler(OllamaConnectionException.class)
  ResponseEntity<Map<String, String>> unreachable(OllamaConnectionException e) {
    return error(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Ollama is not reachable: " + e.getMessage(),
        "cause",
        e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().toString());
  }

  @ExceptionHandler(OllamaHttpException.class)
  ResponseEntity<Map<String, String>> ollamaFailed(OllamaHttpException e) {
    return error(
        HttpStatus.BAD_GATEWAY,
        "Ollama answered HTTP " + e.statusCode() + ": " + e.errorMessage(),
        "cause",
        e.getClass().getSimpleName());
  }

  @ExceptionHandler(OllamaException.class)
  ResponseEntity<Map<String, String>> ollamaBroken(OllamaException e) {
    return error(
        HttpStatus.BAD_GATEWAY,
        "the call to Ollama failed: " + e.getMessage(),
        "cause",
        e.getClass().getSimpleName());
  }

  private static ResponseEntity<Map<String, String>> error(
      HttpStatus status, String message, String key, String value) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(errorBody(message, key, value));
  }

  private static Map<String, String> errorBody(String message, String key, String value) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put(key, value);
    return body;
  }
}
