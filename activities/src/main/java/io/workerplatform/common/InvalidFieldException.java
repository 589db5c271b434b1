package io.workerplatform.common;

/**
 * A value that breaks its field's rule, named by the field: the API answers 400 naming it, an
 * import records it as the row's error in that column. The reason never quotes the value, which
 * may be personal data.
 */
public class InvalidFieldException extends RuntimeException {
  private final String field;
  private final String reason;

  public InvalidFieldException(String field, String reason) {
    super(field + " " + reason);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  /** What is wrong, without the field's name: {@code "is required"}. */
  public String reason() {
    return reason;
  }
}
