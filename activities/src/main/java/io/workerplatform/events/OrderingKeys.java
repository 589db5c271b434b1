package io.workerplatform.events;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;

import io.workerplatform.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What operators see and do about ordering keys: each key's head (the first of its events under
 * way, which the others wait for), how long it has been there, and releasing a head that stalls
 * its key.
 */
public final class OrderingKeys {
  /** A key with events under way: its head event, since when it is under way, how many are. */
  public record KeyHead(String key, String headEventId, Instant headSince, int underWay) {}

  /** A released head: the event now {@code FAILED}, and the key's next event, if any. */
  public record Released(String eventId, String nextEventId) {}

  private final DSLContext dsl;
  private final Clock clock;

  public OrderingKeys(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * The organization's keys with events under way, by key after {@code afterKey}; with {@code
   * stalledBefore}, only those whose head has been under way since before it.
   */
  public List<KeyHead> heads(String orgId, Instant stalledBefore, String afterKey, int limit) {
    Field<OffsetDateTime> since = DSL.coalesce(DOMAIN_EVENTS.PROCESS_AT, DOMAIN_EVENTS.CREATED_AT).as("since");
    Field<Integer> underWay = DSL.count().over(DSL.partitionBy(DOMAIN_EVENTS.ORDERING_KEY)).as("under_way");
    var heads =
        dsl.select(DOMAIN_EVENTS.ORDERING_KEY, DOMAIN_EVENTS.EXTERNAL_ID, since, underWay)
            .distinctOn(DOMAIN_EVENTS.ORDERING_KEY)
            .from(DOMAIN_EVENTS)
            .where(DOMAIN_EVENTS.ORG_ID.eq(orgId))
            .and(DOMAIN_EVENTS.ORDERING_KEY.gt(afterKey == null ? "" : afterKey))
            .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.PROCESSING))
            .orderBy(DOMAIN_EVENTS.ORDERING_KEY, DOMAIN_EVENTS.SEQ)
            .asTable("heads");
    Field<String> key = heads.field(DOMAIN_EVENTS.ORDERING_KEY);
    Field<OffsetDateTime> headSince = heads.field(since);
    return dsl.select(key, heads.field(DOMAIN_EVENTS.EXTERNAL_ID), headSince, heads.field(underWay))
        .from(heads)
        .where(stalledBefore == null ? DSL.noCondition() : headSince.lt(stalledBefore.atOffset(ZoneOffset.UTC)))
        .orderBy(key)
        .limit(limit)
        .fetch(r -> new KeyHead(r.value1(), r.value2(), r.value3().toInstant(), r.value4()));
  }

  /**
   * Records the key's head {@code FAILED} ("released by an operator") with an audit row naming
   * {@code actor}, in one transaction; empty when the key has no event under way.
   */
  public Optional<Released> releaseHead(String orgId, String key, String actor) {
    return dsl.transactionResult(tx -> {
      DSLContext t = tx.dsl();
      var head =
          t.select(DOMAIN_EVENTS.ID, DOMAIN_EVENTS.EXTERNAL_ID, DOMAIN_EVENTS.SEQ)
              .from(DOMAIN_EVENTS)
              .where(DOMAIN_EVENTS.ORG_ID.eq(orgId))
              .and(DOMAIN_EVENTS.ORDERING_KEY.eq(key))
              .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.PROCESSING))
              .orderBy(DOMAIN_EVENTS.SEQ)
              .limit(1)
              .forUpdate()
              .fetchOptional();
      if (head.isEmpty()) {
        return Optional.<Released>empty();
      }
      OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
      t.update(DOMAIN_EVENTS)
          .set(DOMAIN_EVENTS.STATUS, DomainEventWorkflow.FAILED)
          .set(DOMAIN_EVENTS.PROCESSED_AT, now)
          .where(DOMAIN_EVENTS.ID.eq(head.get().value1()))
          .execute();
      AuditLog.record(t, orgId, actor, "ordering-key.head-released", "domain-event", head.get().value2(), Map.of(), now);
      String next =
          t.select(DOMAIN_EVENTS.EXTERNAL_ID)
              .from(DOMAIN_EVENTS)
              .where(DOMAIN_EVENTS.ORG_ID.eq(orgId))
              .and(DOMAIN_EVENTS.ORDERING_KEY.eq(key))
              .and(DOMAIN_EVENTS.SEQ.gt(head.get().value3()))
              .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.PROCESSING))
              .orderBy(DOMAIN_EVENTS.SEQ)
              .limit(1)
              .fetchOptional(DOMAIN_EVENTS.EXTERNAL_ID)
              .orElse(null);
      return Optional.of(new Released(head.get().value2(), next));
    });
  }
}
