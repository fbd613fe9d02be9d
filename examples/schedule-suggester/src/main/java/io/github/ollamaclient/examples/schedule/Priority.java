package io.github.ollamaclient.examples.schedule;

import java.util.Locale;
import java.util.Optional;

/** How important a task is; high-priority tasks are placed first. */
public enum Priority {
  /** Placed first. */
  HIGH("high", "高"),
  /** Placed after the high ones. */
  MEDIUM("medium", "中"),
  /** Placed last. */
  LOW("low", "低");

  private final String wire;
  private final String japanese;

  Priority(String wire, String japanese) {
    this.wire = wire;
    this.japanese = japanese;
  }

  /** The value in the JSON request: {@code high}, {@code medium} or {@code low}. */
  public String wire() {
    return wire;
  }

  /** The name shown to the model in {@code language}. */
  public String label(Language language) {
    return language == Language.JA ? japanese : wire;
  }

  /** Reads the JSON value, ignoring case; empty when unknown. */
  public static Optional<Priority> fromWire(String text) {
    for (Priority priority : values()) {
      if (priority.wire.equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(priority);
      }
    }
    return Optional.empty();
  }
}
