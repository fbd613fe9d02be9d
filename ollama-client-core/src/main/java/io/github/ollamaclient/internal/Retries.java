package io.github.ollamaclient.internal;

import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaCancelledException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.retry.RetryPolicy;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link RetryPolicy}: tells the failures where the server cannot have started work
 * from the others, and how long to wait before the next attempt.
 */
final class Retries {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  /**
   * The longest wait a {@code Retry-After} is taken to ask for: anything longer (a year, a date in
   * 9999) says "not soon" no more clearly, and the retry budget gives up on far less anyway.
   */
  static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private final RetryPolicy policy;

  Retries(RetryPolicy policy) {
    this.policy = policy;
  }

  /** The attempts of one call, starting now with the first. */
  Attempts start(ApiCall apiCall) {
    return new Attempts(apiCall);
  }

  /** Whether the request cannot have reached the model, so trying again costs nothing twice. */
  boolean isRetryable(OllamaException error) {
    if (error instanceof OllamaHttpException http) {
      return !(http instanceof ModelNotFoundException)
          && policy.retryStatuses().contains(http.statusCode());
    }
    if (error instanceof OllamaConnectionException) {
      Throwable cause = error.getCause();
      // Only failures to connect: once a connection stood, the request may have been read.
      return cause instanceof ConnectException
          || cause instanceof NoRouteToHostException
          || (cause instanceof SocketTimeoutException
              && cause.getMessage() != null
              && cause.getMessage().toLowerCase(Locale.ROOT).contains("connect"));
    }
    return false;
  }

  /**
   * A {@code Retry-After} header as a duration: seconds, or an HTTP date relative to the answer's
   * {@code Date} header (else the local clock), at most {@link #MAX_RETRY_AFTER}. Null when absent
   * or unreadable (negative, a fraction, text); never negative.
   */
  static Duration parseRetryAfter(String value, String dateHeader) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    Duration wait;
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      String digits = text.replaceFirst("^0+(?=.)", "");
      // More digits than the cap has seconds cannot be under it; fewer always fit in a long.
      wait = digits.length() > 12 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(digits));
    } else {
      Instant at = httpDate(text);
      if (at == null) {
        return null;
      }
      Instant now = dateHeader == null ? null : httpDate(dateHeader.strip());
      wait = Duration.between(now != null ? now : Instant.now(), at);
    }
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }

  private static Instant httpDate(String text) {
    try {
      return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The attempts of one call. Not thread-safe: one attempt runs at a time. */
  final class Attempts {
    private final ApiCall apiCall;
    private final long startNanos = System.nanoTime();
    private final List<OllamaException> earlier = new ArrayList<>();
    private int attempt = 1;

    private Attempts(ApiCall apiCall) {
      this.apiCall = apiCall;
    }

    /**
     * The wait before the next attempt after {@code error}.
     *
     * @throws OllamaException the error to give up with: {@code error} itself after one attempt,
     *     else a copy whose message counts the attempts, with the earlier failures suppressed
     */
    Duration next(OllamaException error) {
      if (!isRetryable(error)) {
        throw giveUp(error, "not retryable");
      }
      if (attempt >= policy.maxAttempts()) {
        throw giveUp(error, "the retry policy allows " + policy.maxAttempts());
      }
      Duration wait = wait(error);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      if (elapsed.plus(wait).compareTo(policy.maxElapsed()) > 0) {
        throw giveUp(
            error,
            "waiting "
                + wait.toMillis()
                + " ms more would pass the retry budget of "
                + policy.maxElapsed().toMillis()
                + " ms");
      }
      LOG.debug(
          "{} attempt {} of {} failed ({}); retrying in {} ms",
          apiCall.describe(),
          attempt,
          policy.maxAttempts(),
          reason(error),
          wait.toMillis());
      earlier.add(error);
      attempt++;
      return wait;
    }

    /** Like {@link #next} but waits on this thread; an interrupt ends the call as cancelled. */
    void pause(OllamaException error) {
      Duration wait = next(error);
      try {
        Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        OllamaCancelledException cancelled =
            new OllamaCancelledException(
                apiCall.describe() + " was interrupted while waiting to retry");
        cancelled.addSuppressed(error);
        throw cancelled;
      }
    }

    private Duration wait(OllamaException error) {
      if (error instanceof OllamaHttpException http && http.retryAfter().isPresent()) {
        return http.retryAfter().get();
      }
      long base = policy.initialBackoff().toNanos();
      long cap = policy.maxBackoff().toNanos();
      for (int i = 1; i < attempt && base < cap; i++) {
        base *= 2;
      }
      base = Math.min(base, cap);
      long half = base / 2;
      return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(base - half + 1));
    }

    private OllamaException giveUp(OllamaException error, String why) {
      if (attempt == 1) {
        return error;
      }
      String note =
          " (gave up after "
              + attempt
              + " attempts in "
              + Duration.ofNanos(System.nanoTime() - startNanos).toMillis()
              + " ms: "
              + why
              + ")";
      OllamaException amended = withNote(error, note);
      earlier.forEach(amended::addSuppressed);
      LOG.debug("{} failed after {} attempts ({})", apiCall.describe(), attempt, reason(error));
      return amended;
    }
  }

  /** The same failure with {@code note} appended to its message, for the types retries meet. */
  private static OllamaException withNote(OllamaException error, String note) {
    String message = error.getMessage() + note;
    if (error.getClass() == OllamaHttpException.class) {
      OllamaHttpException http = (OllamaHttpException) error;
      return new OllamaHttpException(
          message,
          http.statusCode(),
          http.method(),
          http.path(),
          http.errorMessage(),
          http.body(),
          http.retryAfter().orElse(null));
    }
    if (error.getClass() == OllamaTimeoutException.class) {
      OllamaTimeoutException timeout = (OllamaTimeoutException) error;
      return new OllamaTimeoutException(message, timeout.url(), timeout.getCause());
    }
    if (error.getClass() == OllamaConnectionException.class) {
      OllamaConnectionException connection = (OllamaConnectionException) error;
      return new OllamaConnectionException(message, connection.url(), connection.getCause());
    }
    return error;
  }

  /** What failed, for the log: a status or an exception class, never a message or a header. */
  private static String reason(OllamaException error) {
    if (error instanceof OllamaHttpException http) {
      return "HTTP " + http.statusCode();
    }
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    return cause.getClass().getSimpleName();
  }
}
