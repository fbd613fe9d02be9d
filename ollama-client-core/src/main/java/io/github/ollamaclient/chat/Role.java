package io.github.ollamaclient.chat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Who wrote a chat {@link Message}: {@link #SYSTEM}, {@link #USER}, {@link #ASSISTANT} or {@link
 * #TOOL}, sent in lower case ({@code "role": "user"}).
 *
 * <p>A small value class rather than an enum, so that a role newer than this client survives: a
 * response with {@code "role": "developer"} decodes to a role whose {@link #value()} is {@code
 * developer} and {@link #isKnown()} is false, and echoing that message back in the history sends
 * the same text again. {@link #of(String)} returns the constants for the four known roles, so
 * {@code message.role() == Role.ASSISTANT} and {@code equals} both work.
 */
public final class Role {
  /** {@code system}: instructions that frame the conversation. */
  public static final Role SYSTEM = new Role("system");

  /** {@code user}: what the person asks. */
  public static final Role USER = new Role("user");

  /** {@code assistant}: what the model answered. */
  public static final Role ASSISTANT = new Role("assistant");

  /** {@code tool}: the result of a tool call, sent back to the model. */
  public static final Role TOOL = new Role("tool");

  private final String value;

  private Role(String value) {
    this.value = value;
  }

  /**
   * The role with this wire name: one of the constants for {@code system}, {@code user}, {@code
   * assistant} and {@code tool} (exact, lower case, as they are sent), otherwise a role that keeps
   * the text as given.
   *
   * @throws IllegalArgumentException when the name is blank
   */
  public static Role of(String value) {
    Objects.requireNonNull(value, "role");
    switch (value) {
      case "system":
        return SYSTEM;
      case "user":
        return USER;
      case "assistant":
        return ASSISTANT;
      case "tool":
        return TOOL;
      default:
        if (value.isBlank()) {
          throw new IllegalArgumentException("role must not be blank");
        }
        return new Role(value);
    }
  }

  /** The name as sent, such as {@code user}. */
  @JsonValue
  public String value() {
    return value;
  }

  /** Whether this is one of the four roles this client knows; false for a newer server's role. */
  public boolean isKnown() {
    return this == SYSTEM || this == USER || this == ASSISTANT || this == TOOL;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Role that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
