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
    super(field + " " + problem);
    this.field = field;
  }

  /** The JSON path of the field, such as {@code tasks[1].minutes}. */
  public String field() {
    return field;
  }
}
