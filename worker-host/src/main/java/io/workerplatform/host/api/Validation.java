package io.workerplatform.host.api;

import io.workerplatform.common.Ids;

/** Small checks shared by the controllers; each names the field it rejects. */
public final class Validation {
  private Validation() {}

  public static String requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException(field, "is required");
    }
    return value.strip();
  }

  public static String requireId(String field, String value) {
    String id = requireText(field, value);
    if (!Ids.CLIENT_ID.matcher(id).matches()) {
      throw new BadRequestException(
          field, "must be 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
    return id;
  }
}
