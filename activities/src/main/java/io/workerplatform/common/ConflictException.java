package io.workerplatform.common;

/** The request clashes with existing state (an id already used differently): the API answers 409. */
public class ConflictException extends RuntimeException {
  private final String field;

  public ConflictException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
