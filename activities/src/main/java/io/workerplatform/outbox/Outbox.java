package io.workerplatform.outbox;

import io.workerplatform.common.IdSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Reads and marks every capability's {@link OutboxTable}: the one place that knows how. */
public class Outbox {
  private final DSLContext dsl;
  private final Clock clock;

  public Outbox(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Rows stored at least {@code olderThan} ago, due, and not known to have started; oldest first. */
  public List<Record> unstarted(OutboxTable outbox, Duration olderThan, int limit) {
    OffsetDateTime now = now();
    return dsl.select(fields(outbox))
        .from(outbox.table())
        .where(outbox.startedAt() == null ? DSL.noCondition() : outbox.startedAt().isNull())
        .and(outbox.storedAt().le(now.minus(olderThan)))
        .and(outbox.due().apply(now))
        .orderBy(outbox.storedAt(), outbox.id())
        .limit(limit)
        .fetch()
        .map(r -> (Record) r);
  }

  /**
   * Started rows with work under way ({@link OutboxTable#underWay}) stored at least {@code
   * olderThan} ago, by id after {@code afterId}: what the sweeper asks Temporal about.
   */
  public List<Record> underWay(OutboxTable outbox, Duration olderThan, String afterId, int limit) {
    if (outbox.underWay() == null || outbox.startedAt() == null) {
      return List.of();
    }
    return dsl.select(fields(outbox))
        .from(outbox.table())
        .where(outbox.underWay())
        .and(outbox.startedAt().isNotNull())
        .and(outbox.storedAt().le(now().minus(olderThan)))
        .and(outbox.id().gt(afterId))
        .orderBy(outbox.id())
        .limit(limit)
        .fetch()
        .map(r -> (Record) r);
  }

  /** The row {@code id}, with what its starter needs. */
  public Optional<Record> find(OutboxTable outbox, String id) {
    return dsl.select(fields(outbox)).from(outbox.table()).where(outbox.id().eq(id)).fetchOptional().map(r -> (Record) r);
  }

  /** Records that Temporal accepted these rows' workflows, in one statement. */
  public void markStarted(OutboxTable outbox, Collection<String> ids) {
    if (outbox.startedAt() == null || ids.isEmpty()) {
      return;
    }
    dsl.update(outbox.table())
        .set(outbox.startedAt(), now())
        .where(IdSet.in(outbox.id(), ids))
        .and(outbox.startedAt().isNull())
        .execute();
  }

  private static List<Field<?>> fields(OutboxTable outbox) {
    List<Field<?>> fields = new ArrayList<>(List.of(outbox.id(), outbox.orgId()));
    outbox.carried().stream().filter(f -> !fields.contains(f)).forEach(fields::add);
    return fields;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
