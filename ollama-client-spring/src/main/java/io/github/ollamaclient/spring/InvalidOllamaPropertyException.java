package io.github.ollamaclient.spring;

import java.util.Objects;

/**
 * An {@code ollama.*} property holds a value the client cannot use, such as {@code ollama.base-url:
 * not a url} or a negative timeout. Thrown while the {@link io.github.ollamaclient.OllamaClient}
 * bean is created, so the application fails to start; Spring Boot's failure analysis then prints
 * {@link #getMessage()} and {@link #action()}.
 */
public final class InvalidOllamaPropertyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String action;

  /**
   * An invalid property.
   *
   * @param property the full property name, such as {@code ollama.base-url}
   * @param reason what is wrong with its value (never the value of a secret)
   * @param action what to change
   * @param cause the client builder's own complaint
   */
  public InvalidOllamaPropertyException(
      String property, String reason, String action, Throwable cause) {
    super("Invalid value for '" + property + "': " + reason, cause);
    this.property = Objects.requireNonNull(property, "property");
    this.action = Objects.requireNonNull(action, "action");
  }

  /** The full property name, such as {@code ollama.base-url}. */
  public String property() {
    return property;
  }

  /** What to change, in a sentence. */
  public String action() {
    return action;
  }
}
