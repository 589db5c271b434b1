package io.workerplatform.host.api;

/** Invalid input: the API answers 400 with a problem naming the field. */
public class BadRequestException extends RuntimeException {
  private final String field;

  public BadRequestException(String field, String message) {
    super(field + " " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
