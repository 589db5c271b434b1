package io.workerplatform.common;

/** What was asked for existed and is gone for good (an expired export or report): the API answers 410. */
public class GoneException extends RuntimeException {
  public GoneException(String message) {
    super(message);
  }
}
