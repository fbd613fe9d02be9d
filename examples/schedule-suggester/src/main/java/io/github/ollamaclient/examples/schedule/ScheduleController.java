package io.github.ollamaclient.examples.schedule;

import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.examples.common.InvalidRequestException;
import io.github.ollamaclient.examples.common.OllamaBusyException;
import io.github.ollamaclient.examples.common.OllamaSlots;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/suggest-schedule}: a day's request in, a checked schedule out. Errors are JSON
 * {@code {"error": "..."}}, the CORS proxy's shape, with a status that says whose problem it is:
 * 400 naming the field (or the limit, {@code app.max-tasks}, {@code app.max-breaks}, {@code
 * app.max-title-chars}), 413 over {@code app.max-body-size}, 404 with the command that pulls a
 * missing model, 503 when Ollama cannot be reached or is busy ({@code app.max-concurrent}, with
 * {@code Retry-After}), 502 when Ollama answered with an error. {@link GateFilter} answers the rest
 * (403, 404, 405, 415, a declared 413) before this sees the request.
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
   * Suggests a schedule. The body is read as bytes, at most {@code app.max-body-size} of them, so
   * that its JSON is checked field by field before the request takes a slot: a request that would
   * be refused never waits in the queue.
   */
  @PostMapping(path = GateFilter.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  public ScheduleResponse suggest(HttpServletRequest request) throws IOException {
    DayPlan plan = RequestReader.read(body(request), LocalDate.now(), limits);
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

  /**
   * The body, up to the limit: one that declares a larger length never gets here ({@link
   * GateFilter}), and a chunked one is cut off as soon as it passes the limit, so no request holds
   * more than that in memory.
   */
  private byte[] body(HttpServletRequest request) throws IOException {
    long max = limits.maxBodySize().toBytes();
    int limit = (int) Math.min(Integer.MAX_VALUE - 1, max);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    InputStream in = request.getInputStream();
    for (int n;
        (n = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - received.size()))) >= 0; ) {
      received.write(buffer, 0, n);
      if (received.size() > limit) {
        throw new BodyTooLargeException(GateFilter.tooLarge(max));
      }
    }
    return received.toByteArray();
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<Map<String, String>> tooLarge(BodyTooLargeException e) {
    // The rest of the body is left unread: the connection closes after this answer.
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
        .header(HttpHeaders.CONNECTION, "close")
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorAnswer.body(e.getMessage()));
  }

  @ExceptionHandler(OllamaBusyException.class)
  ResponseEntity<Map<String, String>> busy(OllamaBusyException e) {
    String seconds = Long.toString(e.retryAfter().toSeconds());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, seconds)
        // A page may read it only when told so: it says "busy, try again in N s". The
        // Access-Control-Allow-Origin of an allowed page is already set by GateFilter.
        .header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorAnswer.body(e.getMessage()));
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Map<String, String>> invalid(InvalidRequestException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(ModelNotFoundException.class)
  ResponseEntity<Map<String, String>> modelMissing(ModelNotFoundException e) {
    String model = e.model().orElse(suggester.model());
    return error(
        HttpStatus.NOT_FOUND,
        "model \""
            + model
            + "\" is not on the Ollama server; pull it first: ollama pull "
            + model
            + " (or docker compose up -d, whose ollama-pull"
            + " service pulls the default model)");
  }

  @ExceptionHandler(OllamaConnectionException.class)
  ResponseEntity<Map<String, String>> unreachable(OllamaConnectionException e) {
    return error(HttpStatus.SERVICE_UNAVAILABLE, "Ollama is not reachable: " + e.getMessage());
  }

  @ExceptionHandler(OllamaHttpException.class)
  ResponseEntity<Map<String, String>> ollamaFailed(OllamaHttpException e) {
    return error(
        HttpStatus.BAD_GATEWAY, "Ollama answered HTTP " + e.statusCode() + ": " + e.errorMessage());
  }

  @ExceptionHandler(OllamaException.class)
  ResponseEntity<Map<String, String>> ollamaBroken(OllamaException e) {
    return error(HttpStatus.BAD_GATEWAY, "the call to Ollama failed: " + e.getMessage());
  }

  private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorAnswer.body(message));
  }

  /** A body that passed {@code app.max-body-size} while it was read. */
  static final class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(String message) {
      super(message);
    }
  }
}
