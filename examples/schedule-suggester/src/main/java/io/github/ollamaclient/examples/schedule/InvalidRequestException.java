package io.github.ollamaclient.examples.schedule;

/** A schedule request that cannot be used: names the field and what is wrong with it. */
public class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the JSON path of the field, such as {@code tasks[1].minutes}
   * @param problem what is wrong, starting with a verb ("must be ...")
   */
  public InvalidRequestException(String field, String problem) {
    this(field, problem, true);
  }

  private InvalidRequestException(String field, String text, boolean startsWithField) {
    super(startsWithField ? field + " " + text : text);
    this.field = field;
  }

  /** A field the request may not have, worded as the CORS proxy words it. */
  static InvalidRequestException unknownField(String field, Iterable<String> known) {
    return new InvalidRequestException(
        field, "unknown field \"" + field + "\"; known fields: " + String.join(", ", known), false);
  }

  /** The JSON path of the field, such as {@code tasks[1].minutes}. */
  public String field() {
    return field;
  }
}
