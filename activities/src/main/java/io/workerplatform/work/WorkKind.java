package io.workerplatform.work;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.Table;

/**
 * A kind of work a capability shows, registered as a bean next to its store: its table, the columns
 * every list reads, the statuses it knows and how a row becomes an item. {@link WorkViews} lists it
 * (by status and creation time, newest first) and counts it by status in the stats, and the console
 * shows its counts and its list; {@code key} is its name in the stats, {@code path} the segment of
 * its list under {@code /api/orgs/{orgId}/} (and {@code /console/orgs/{orgId}/}), {@code title} the
 * console's heading for it, and kinds are listed by ascending {@code order}.
 */
public record WorkKind<T>(
    String key,
    String path,
    String title,
    int order,
    Table<?> table,
    Field<String> id,
    Field<String> orgId,
    Field<String> status,
    Field<OffsetDateTime> createdAt,
    List<String> statuses,
    Function<SelectJoinStep<Record>, SelectJoinStep<Record>> joins,
    Function<Record, T> item) {

  /** A row's time as an instant, null staying null. */
  public static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
