package io.github.ollamaclient.examples.common;

/** A request that cannot be used: names the field and what is wrong with it (a 400). */
public final class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  /**
   * Creates the exception, whose message is the field then the problem.
   *
   * @param field the JSON path of the field, such as {@code tasks[1].minutes}
   * @param problem what is wrong, starting with a verb ("must be ...")
   */
  public InvalidRequestException(String field, String problem) {
    this(field, problem, field + " " + problem);
  }

  private InvalidRequestException(String field, String problem, String message) {
    super(message);
    this.field = field;
    this.problem = problem;
  }

  /** A field the request may not have: {@code unknown field "x"; known fields: a, b}. */
  static InvalidRequestException unknownField(String field, Iterable<String> known) {
    String names = String.join(", ", known);
    return new InvalidRequestException(
        field, "is not a known field", "unknown field \"" + field + "\"; known fields: " + names);
  }

  /** The same problem found in the object at {@code path}: the field named from the root. */
  InvalidRequestException under(String path) {
    return path.isEmpty() ? this : new InvalidRequestException(path + "." + field, problem);
  }

  /** The JSON path of the field, such as {@code tasks[1].minutes}. */
  public String field() {
    return field;
  }
}
