package io.workerplatform.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list, newest first, as the API conventions have it: {@code items} and an opaque
 * {@code nextCursor} (null on the last page). The cursor is the position of the last item
 * (creation time and id), so pages stay stable while rows are added.
 */
public record Page<T>(List<T> items, String nextCursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** Where a page starts: after the item with this creation time and id. */
  public record After(OffsetDateTime createdAt, String id) {}

  /**
   * The page of {@code rows}, read newest first with {@code limit + 1} as their limit: a row past
   * the limit only says there is a next page, which starts after the last item shown.
   */
  public static <R, T> Page<T> of(
      List<R> rows, int limit, Function<R, OffsetDateTime> createdAt, Function<R, String> id, Function<R, T> item) {
    List<R> shown = rows.subList(0, Math.min(limit, rows.size()));
    R last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
    return new Page<>(
        shown.stream().map(item).toList(),
        rows.size() > limit ? cursor(createdAt.apply(last), id.apply(last)) : null);
  }

  public static String cursor(OffsetDateTime createdAt, String id) {
    String position = createdAt.toInstant().toString() + "|" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a cursor names; empty for a cursor this API did not hand out. */
  public static Optional<After> after(String cursor) {
    try {
      String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = position.indexOf('|');
      if (bar < 0) {
        return Optional.empty();
      }
      return Optional.of(
          new After(Instant.parse(position.substring(0, bar)).atOffset(ZoneOffset.UTC), position.substring(bar + 1)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
