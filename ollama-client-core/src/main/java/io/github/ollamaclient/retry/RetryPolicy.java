package io.github.ollamaclient.retry;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the client tries a call again: only after failures where the request cannot have reached the
 * model, so a retry never pays twice for a generation and never repeats a streamed chunk.
 *
 * <p>Retried:
 *
 * <ul>
 *   <li>the connection could not be made: refused, no route to the host, or the connect timeout
 *       expired (nothing was sent);
 *   <li>HTTP 503 (Ollama's "server busy" when its queue is full: {@code OLLAMA_MAX_QUEUE}) and 429
 *       (a rate limit, such as ollama.com's), whose answers say the work was not started;
 *   <li>a stream only while it has not yet answered: its status is checked before any chunk, and a
 *       stream that delivered a chunk is never retried.
 * </ul>
 *
 * <p>Never retried: every other status (400, 401, 404, 500, and 502/504 by default: a gateway's 502
 * may hide a server that crashed in the middle of a generation, and a 504 says the server was
 * working on the request until the proxy gave up, so trying again would pay for the work twice and
 * likely time out again; add them with {@link Builder#retryOnStatus(int...)} if your proxy answers
 * 502 only while Ollama restarts); a read or whole-call timeout or a connection that broke after
 * the request was sent (the model may be generating); an unknown host (a configuration mistake, not
 * a passing state); a body that does not decode; a cancel.
 *
 * <p>The wait before retry {@code n} (1, 2, ...) is the server's {@code Retry-After} when it sent
 * one (seconds or an HTTP date), else an exponential backoff with jitter: a random duration between
 * half and all of {@code min(maxBackoff, initialBackoff * 2^(n-1))}. A retry whose wait would end
 * after {@link #maxElapsed()} from the start of the first attempt is not made. When the client
 * gives up, it throws the last failure, its message saying how many attempts were made, with the
 * earlier failures attached as suppressed exceptions. Each retry is logged at DEBUG.
 *
 * <table>
 *   <caption>Defaults ({@link #defaults()})</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@link #maxAttempts()}</td><td>3 (the first try and up to 2 retries)</td></tr>
 *   <tr><td>{@link #initialBackoff()}</td><td>500 ms</td></tr>
 *   <tr><td>{@link #maxBackoff()}</td><td>8 s</td></tr>
 *   <tr><td>{@link #maxElapsed()}</td><td>30 s</td></tr>
 *   <tr><td>{@link #retryStatuses()}</td><td>429, 503</td></tr>
 * </table>
 *
 * <pre>{@code
 * OllamaClient client = OllamaClient.builder()
 *     .retryPolicy(RetryPolicy.builder().maxAttempts(5).maxElapsed(Duration.ofMinutes(1)).build())
 *     .build();
 * OllamaClient noRetries = OllamaClient.builder().retryPolicy(RetryPolicy.none()).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = new Builder().build();
  private static final RetryPolicy NONE = new Builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxElapsed;
  private final Set<Integer> retryStatuses;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.maxElapsed = builder.maxElapsed;
    this.retryStatuses = Collections.unmodifiableSet(new TreeSet<>(builder.retryStatuses));
  }

  /** The default policy: 3 attempts within 30 s, backoff from 500 ms up to 8 s, on 429 and 503. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** No retries: every failure is thrown at once. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy's settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The most attempts per call, the first one included; 1 means no retry. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The backoff before the first retry (jittered down to half), doubled for each further one. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * The longest backoff between two attempts, before jitter; a {@code Retry-After} may exceed it.
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The budget for all attempts of one call, waits included, from the start of the first: no retry
   * is started whose wait would end later.
   */
  public Duration maxElapsed() {
    return maxElapsed;
  }

  /** The HTTP statuses that are retried, in ascending order. */
  public Set<Integer> retryStatuses() {
    return retryStatuses;
  }

  /** Whether this policy retries at all ({@code maxAttempts > 1}). */
  public boolean isEnabled() {
    return maxAttempts > 1;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetryPolicy that
        && maxAttempts == that.maxAttempts
        && initialBackoff.equals(that.initialBackoff)
        && maxBackoff.equals(that.maxBackoff)
        && maxElapsed.equals(that.maxElapsed)
        && retryStatuses.equals(that.retryStatuses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoff, maxBackoff, maxElapsed, retryStatuses);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxElapsed="
        + maxElapsed
        + ", retryStatuses="
        + retryStatuses
        + "}";
  }

  /** Builds a {@link RetryPolicy}; starts from the defaults. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration maxElapsed = Duration.ofSeconds(30);
    private final Set<Integer> retryStatuses = new TreeSet<>(Set.of(429, 503));

    private Builder() {}

    private Builder(RetryPolicy from) {
      this.maxAttempts = from.maxAttempts;
      this.initialBackoff = from.initialBackoff;
      this.maxBackoff = from.maxBackoff;
      this.maxElapsed = from.maxElapsed;
      this.retryStatuses.clear();
      this.retryStatuses.addAll(from.retryStatuses);
    }

    /**
     * The most attempts per call, the first one included; 1 turns retries off. Default 3.
     *
     * @throws IllegalArgumentException when less than 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts must be at least 1 (1 = no retry), was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The backoff before the first retry, doubled for each further one. Default 500 ms.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * The longest backoff between two attempts. Default 8 s.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * The budget for all attempts of one call, waits included. Default 30 s.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxElapsed(Duration maxElapsed) {
      this.maxElapsed = nonNegative(maxElapsed, "maxElapsed");
      return this;
    }

    /**
     * Also retries these HTTP statuses (such as 502 from a proxy while Ollama restarts).
     *
     * @throws IllegalArgumentException when a status is not an error status (400-599), or is 404,
     *     which never goes away by waiting
     */
    public Builder retryOnStatus(int... statuses) {
      for (int status : statuses) {
        if (status < 400 || status > 599 || status == 404) {
          throw new IllegalArgumentException(
              "retryOnStatus takes error statuses 400-599 other than 404, was " + status);
        }
        retryStatuses.add(status);
      }
      return this;
    }

    /** Retries none of the statuses set so far (connect failures are still retried). */
    public Builder noStatusRetries() {
      retryStatuses.clear();
      return this;
    }

    private static Duration nonNegative(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
      return value;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalArgumentException when {@code maxBackoff} is shorter than {@code
     *     initialBackoff}
     */
    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff ("
                + maxBackoff
                + ") must not be shorter than initialBackoff ("
                + initialBackoff
                + ")");
      }
      return new RetryPolicy(this);
    }
  }
}
