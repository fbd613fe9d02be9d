package io.github.ollamaclient.models;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How far a whole pull (or push) is, across all its layers: the one figure a progress bar shows,
 * where Ollama streams one {@link ProgressResponse} per layer.
 *
 * <pre>{@code
 * PullProgress whole = PullProgress.start(Instant.now());
 * try (ResponseStream<ProgressResponse> lines = client.pull("llama3.2")) {
 *   for (ProgressResponse line : lines) {
 *     whole = whole.next(line, Instant.now());
 *     whole.fraction().ifPresent(f -> bar.update(f, whole.eta()));
 *   }
 * }
 * }</pre>
 *
 * <p>Ollama names a layer only when it starts on it, so the total grows as layers appear: it is the
 * sum of the layers seen so far, and the fraction may step back when a large layer shows up late.
 * The rate counts only the bytes that arrived while watching (a resumed pull's bytes already on
 * disk do not count), averaged since the first byte; the ETA is what is left at that rate.
 *
 * <p>Immutable: {@link #next} returns a new value and leaves this one as it was. Each value holds
 * one entry per layer (a model has a handful), never the lines themselves.
 */
public final class PullProgress {
  private final String status;
  private final Map<String, Layer> layers;
  private final Instant started;
  private final Instant now;
  private final Instant firstByte;

  /** The bytes of one layer: its size, what is done, and what was done when it was first seen. */
  private record Layer(long total, long completed, long baseline) {}

  private PullProgress(
      String status, Map<String, Layer> layers, Instant started, Instant now, Instant firstByte) {
    this.status = status;
    this.layers = layers;
    this.started = started;
    this.now = now;
    this.firstByte = firstByte;
  }

  /** Nothing pulled yet, watching since {@code at}. */
  public static PullProgress start(Instant at) {
    Objects.requireNonNull(at, "at");
    return new PullProgress("", Map.of(), at, at, null);
  }

  /**
   * This progress with {@code line} taken in, read at {@code at}: a line with a digest and byte
   * counts updates its layer; any line sets the status.
   */
  public PullProgress next(ProgressResponse line, Instant at) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(at, "at");
    Instant time = at.isBefore(now) ? now : at;
    if (line.digest().isEmpty() || line.total().isEmpty()) {
      return new PullProgress(line.status(), layers, started, time, firstByte);
    }
    String digest = line.digest().get();
    long total = Math.max(0, line.total().getAsLong());
    long completed = Math.min(total, Math.max(0, line.completed().orElse(0)));
    Layer before = layers.get(digest);
    long baseline = before == null ? completed : Math.min(before.baseline(), completed);
    // A layer's count never goes back: a line that says less (a retried part) keeps the most.
    long done = before == null ? completed : Math.max(before.completed(), completed);
    Map<String, Layer> updated = new LinkedHashMap<>(layers);
    updated.put(digest, new Layer(total, done, baseline));
    Instant first = firstByte;
    if (first == null && done > baseline) {
      // The first bytes seen moving: the rate is measured from the line before them.
      first = now;
    }
    return new PullProgress(line.status(), Map.copyOf(updated), started, time, first);
  }

  /** The status of the latest line, such as {@code pulling dde5aa3fc5ff}; empty before any. */
  public String status() {
    return status;
  }

  /** How many layers with byte counts were seen so far. */
  public int layers() {
    return layers.size();
  }

  /** The bytes done across all layers seen so far. */
  public long completedBytes() {
    return layers.values().stream().mapToLong(Layer::completed).sum();
  }

  /** The size of all layers seen so far, in bytes; grows when a layer appears. */
  public long totalBytes() {
    return layers.values().stream().mapToLong(Layer::total).sum();
  }

  /** {@code completedBytes / totalBytes}, from 0.0 to 1.0; empty before any layer's size. */
  public OptionalDouble fraction() {
    long total = totalBytes();
    return total <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(Math.min(1.0, (double) completedBytes() / total));
  }

  /** Whether every layer seen so far is complete (and at least one was seen). */
  public boolean layersComplete() {
    return !layers.isEmpty() && completedBytes() == totalBytes();
  }

  /**
   * Bytes per second since the first bytes arrived, counting only bytes that arrived while
   * watching; empty until some did and time passed.
   */
  public OptionalDouble bytesPerSecond() {
    if (firstByte == null) {
      return OptionalDouble.empty();
    }
    long nanos = Duration.between(firstByte, now).toNanos();
    long transferred =
        layers.values().stream().mapToLong(layer -> layer.completed() - layer.baseline()).sum();
    if (nanos <= 0 || transferred <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(transferred * 1e9 / nanos);
  }

  /**
   * The time left for the layers seen so far at {@link #bytesPerSecond()}: zero when they are
   * complete, empty while the rate is unknown.
   */
  public Optional<Duration> eta() {
    long left = totalBytes() - completedBytes();
    if (layersComplete()) {
      return Optional.of(Duration.ZERO);
    }
    OptionalDouble rate = bytesPerSecond();
    if (rate.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos((long) Math.ceil(left / rate.getAsDouble() * 1e9)));
  }

  /** The time since {@link #start}, up to the latest line. */
  public Duration elapsed() {
    return Duration.between(started, now);
  }

  @Override
  public String toString() {
    return "PullProgress[" + completedBytes() + "/" + totalBytes() + " bytes, " + status + "]";
  }
}
