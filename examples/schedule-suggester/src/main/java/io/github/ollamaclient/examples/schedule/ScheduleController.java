package io.github.ollamaclient.examples.schedule;

import io.github.ollamaclient.ModelNotFoundException;
import io.github.ollamaclient.OllamaConnectionException;
import io.github.ollamaclient.OllamaException;
import io.github.ollamaclient.OllamaHttpException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/suggest-schedule}: a day's request in, a checked schedule out. Errors are JSON
 * {@code {"error": "..."}} with a status that says whose problem it is: 400 naming the field, 404
 * with the command that pulls a missing model, 503 when Ollama cannot be reached, 502 when Ollama
 * answered with an error.
 */
@RestController
public class ScheduleController {
  private final ScheduleSuggester suggester;

  /** Creates the controller. */
  public ScheduleController(ScheduleSuggester suggester) {
    this.suggester = suggester;
  }

  /** Suggests a schedule. The body is read as bytes so that its JSON is checked field by field. */
  @PostMapping(path = "/api/suggest-schedule", produces = MediaType.APPLICATION_JSON_VALUE)
  public ScheduleResponse suggest(@RequestBody(required = false) byte[] body) {
    return suggester.suggest(RequestReader.read(body, LocalDate.now()));
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
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put(key, value);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
