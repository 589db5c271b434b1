package io.workerplatform.host.api;

import io.workerplatform.common.InvalidFieldException;

/** Invalid input: the API answers 400 with a problem naming the field. */
public class BadRequestException extends InvalidFieldException {
  public BadRequestException(String field, String message) {
    super(field, message);
  }
}
