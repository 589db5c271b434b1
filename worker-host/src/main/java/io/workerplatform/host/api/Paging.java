package io.workerplatform.host.api;

import io.workerplatform.common.Page;
import java.util.Optional;

/** The {@code ?limit=} and {@code ?cursor=} of a list route, checked. */
public final class Paging {
  private Paging() {}

  public static int limit(Integer limit) {
    if (limit == null) {
      return Page.DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > Page.MAX_LIMIT) {
      throw new BadRequestException("limit", "must be between 1 and " + Page.MAX_LIMIT);
    }
    return limit;
  }

  public static Optional<Page.After> after(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return Optional.empty();
    }
    Validation.maxLength("cursor", cursor, Validation.MAX_TEXT_LENGTH);
    return Optional.of(
        Page.after(cursor).orElseThrow(() -> new BadRequestException("cursor", "is not a cursor this API handed out")));
  }
}
