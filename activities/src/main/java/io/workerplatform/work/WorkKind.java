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
 * console's heading for it, and kinds are listed by ascending {@code order}. {@code phases} says
 * which statuses are waiting, running, completed and failed work, for the stats' windows. A kind
 * whose rows belong to no organization (cron runs) has a null {@code orgId}: it is counted in the
 * platform's stats only and has no list under an organization.
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
    Function<Record, T> item,
    Phases phases) {

  public WorkKind {
    if (!statuses.containsAll(phases.named())) {
      throw new IllegalArgumentException("the phases of " + key + " name a status it does not have");
    }
  }

  /** Whether its rows belong to organizations (listed and counted per organization). */
  public boolean perOrganization() {
    return orgId != null;
  }

  /** A row's time as an instant, null staying null. */
  public static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
