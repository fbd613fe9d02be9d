package io.github.ollamaclient.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether and how hard a thinking model thinks ({@code think}): on, off, or a level. The thinking
 * text comes back apart from the answer ({@code thinking}).
 *
 * <pre>{@code
 * Think.ENABLED   Think.DISABLED   Think.HIGH   Think.level("low")
 * }</pre>
 */
public final class Think {
  /** {@code think: true}. */
  public static final Think ENABLED = new Think(Boolean.TRUE);

  /** {@code think: false}: answer without thinking, on models that can. */
  public static final Think DISABLED = new Think(Boolean.FALSE);

  /**
   * {@code think: "minimal"}: less thinking than {@link #LOW}. An upcoming Ollama level: Ollama
   * 0.33 refuses it with {@code 400} ({@code invalid think value: "minimal" ...}), so send it only
   * to a server that takes it.
   */
  public static final Think MINIMAL = new Think("minimal");

  /** {@code think: "low"}. */
  public static final Think LOW = new Think("low");

  /** {@code think: "medium"}. */
  public static final Think MEDIUM = new Think("medium");

  /** {@code think: "high"}. */
  public static final Think HIGH = new Think("high");

  /** {@code think: "max"}: the highest level the model supports. */
  public static final Think MAX = new Think("max");

  private static final String LEVELS = "minimal, low, medium, high or max";

  private final Object wireValue;

  private Think(Object wireValue) {
    this.wireValue = wireValue;
  }

  /**
   * A level by name: {@code minimal}, {@code low}, {@code medium}, {@code high} or {@code max}.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Think level(String level) {
    Objects.requireNonNull(level, "think level");
    switch (level.toLowerCase(Locale.ROOT)) {
      case "minimal":
        return MINIMAL;
      case "low":
        return LOW;
      case "medium":
        return MEDIUM;
      case "high":
        return HIGH;
      case "max":
        return MAX;
      default:
        throw new IllegalArgumentException(
            "think level must be " + LEVELS + ", was \"" + level + "\"");
    }
  }

  /** {@code think} as Ollama takes it: {@code true}, {@code false} or a level's name. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Think fromJson(Object value) {
    if (value instanceof Boolean on) {
      return on ? ENABLED : DISABLED;
    }
    if (value instanceof String level) {
      return level(level);
    }
    throw new IllegalArgumentException("think must be true, false, or " + LEVELS);
  }

  /** The value as sent: {@code true}, {@code false} or the level's name. */
  @JsonValue
  Object wireValue() {
    return wireValue;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Think that && wireValue.equals(that.wireValue);
  }

  @Override
  public int hashCode() {
    return wireValue.hashCode();
  }

  @Override
  public String toString() {
    return "Think[" + wireValue + "]";
  }
}
