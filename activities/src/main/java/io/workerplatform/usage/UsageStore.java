package io.workerplatform.usage;

import static io.workerplatform.db.Tables.ORGANIZATION_LIMITS;
import static io.workerplatform.db.Tables.USAGE_CYCLES;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Organizations;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.db.tables.records.OrganizationLimitsRecord;
import io.workerplatform.db.tables.records.UsageCyclesRecord;
import io.workerplatform.usage.UsageCycles.Cycle;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * An organization's limits per cycle and its usage, counted as it happens. Each count is one
 * guarded UPDATE of the current cycle's row ({@code used + n <= limit}), run in the transaction
 * that records what is counted, so a message or request is counted once and a refused one not at
 * all.
 */
public class UsageStore {
  public static final int DEFAULT_ANCHOR_DAY = 1;

  /** Limits per cycle; a null limit is unlimited. */
  public record Limits(Long emails, Long signatureRequests, Long bulkSendRecipients, int cycleAnchorDay) {
    public static final Limits NONE = new Limits(null, null, null, DEFAULT_ANCHOR_DAY);
  }

  /** Used and limit (null: unlimited) of one kind. */
  public record Counter(long used, Long limit) {
    /** What remains before the limit; null when unlimited. */
    public Long remaining() {
      return limit == null ? null : Math.max(0, limit - used);
    }
  }

  public record Usage(
      Instant cycleStart, Instant cycleEnd, int cycleAnchorDay, Counter emails, Counter signatureRequests,
      Counter bulkSendRecipients) {}

  private final DSLContext dsl;
  private final Clock clock;

  public UsageStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** The same store on {@code tx}: counts that commit or roll back with the caller's change. */
  public UsageStore in(DSLContext tx) {
    return new UsageStore(tx, clock);
  }

  public void putLimits(String orgId, Limits limits) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Organizations.writingFor(orgId, () ->
        dsl.insertInto(ORGANIZATION_LIMITS)
            .set(ORGANIZATION_LIMITS.ORG_ID, orgId)
            .set(ORGANIZATION_LIMITS.EMAILS, limits.emails())
            .set(ORGANIZATION_LIMITS.SIGNATURE_REQUESTS, limits.signatureRequests())
            .set(ORGANIZATION_LIMITS.BULK_SEND_RECIPIENTS, limits.bulkSendRecipients())
            .set(ORGANIZATION_LIMITS.CYCLE_ANCHOR_DAY, limits.cycleAnchorDay())
            .set(ORGANIZATION_LIMITS.UPDATED_AT, now)
            .onConflict(ORGANIZATION_LIMITS.ORG_ID)
            .doUpdate()
            .set(ORGANIZATION_LIMITS.EMAILS, limits.emails())
            .set(ORGANIZATION_LIMITS.SIGNATURE_REQUESTS, limits.signatureRequests())
            .set(ORGANIZATION_LIMITS.BULK_SEND_RECIPIENTS, limits.bulkSendRecipients())
            .set(ORGANIZATION_LIMITS.CYCLE_ANCHOR_DAY, limits.cycleAnchorDay())
            .set(ORGANIZATION_LIMITS.UPDATED_AT, now)
            .execute());
  }

  public Limits limits(String orgId) {
    return dsl.selectFrom(ORGANIZATION_LIMITS)
        .where(ORGANIZATION_LIMITS.ORG_ID.eq(orgId))
        .fetchOptional(UsageStore::limits)
        .orElse(Limits.NONE);
  }

  /** The current cycle's usage and limits (the cycle row is created if the organization has none yet). */
  public Usage usage(String orgId) {
    UsageCyclesRecord cycle = current(orgId);
    Limits limits = limits(orgId);
    return new Usage(
        cycle.getCycleStart().toInstant(), cycle.getCycleEnd().toInstant(), limits.cycleAnchorDay(),
        new Counter(cycle.getEmails(), limits.emails()),
        new Counter(cycle.getSignatureRequests(), limits.signatureRequests()),
        new Counter(cycle.getBulkSendRecipients(), limits.bulkSendRecipients()));
  }

  /** Counts one email if the limit allows; false (nothing counted) when the limit is reached. */
  public boolean takeEmail(String orgId) {
    return take(orgId, 1, List.of(USAGE_CYCLES.EMAILS), List.of(ORGANIZATION_LIMITS.EMAILS));
  }

  /**
   * Counts one signature request.
   *
   * @throws ConflictException naming {@code signatureRequests} when the limit is reached
   */
  public void takeSignatureRequest(String orgId) {
    if (!take(orgId, 1, List.of(USAGE_CYCLES.SIGNATURE_REQUESTS), List.of(ORGANIZATION_LIMITS.SIGNATURE_REQUESTS))) {
      Usage usage = usage(orgId);
      throw new ConflictException(
          "signatureRequests",
          "the organization's limit of " + usage.signatureRequests().limit() + " signature requests this cycle is reached"
              + " (cycle ends " + usage.cycleEnd() + ")");
    }
  }

  /**
   * Reserves a bulk send's recipients: as bulk-send recipients and as emails.
   *
   * @throws ConflictException naming {@code bulkSendRecipients} or {@code emails}, with what
   *     remains, when they do not fit
   */
  public void reserveBulkSend(String orgId, int recipients) {
    if (!take(
        orgId, recipients, List.of(USAGE_CYCLES.BULK_SEND_RECIPIENTS, USAGE_CYCLES.EMAILS),
        List.of(ORGANIZATION_LIMITS.BULK_SEND_RECIPIENTS, ORGANIZATION_LIMITS.EMAILS))) {
      Usage usage = usage(orgId);
      boolean recipientsShort = usage.bulkSendRecipients().remaining() != null
          && usage.bulkSendRecipients().remaining() < recipients;
      String field = recipientsShort ? "bulkSendRecipients" : "emails";
      Long remaining = recipientsShort ? usage.bulkSendRecipients().remaining() : usage.emails().remaining();
      throw new ConflictException(
          field,
          recipients + " recipients exceed what remains of the organization's " + field + " this cycle: " + remaining
              + " (cycle ends " + usage.cycleEnd() + ")");
    }
  }

  /**
   * Gives back what a cancelled bulk send reserved and did not use, in the cycle it was reserved in
   * ({@code reservedAt}); a cycle that has been replaced since keeps its count.
   */
  public void releaseBulkSend(String orgId, OffsetDateTime reservedAt, int recipients, int emails) {
    if (recipients <= 0 && emails <= 0) {
      return;
    }
    dsl.update(USAGE_CYCLES)
        .set(
            USAGE_CYCLES.BULK_SEND_RECIPIENTS,
            DSL.greatest(DSL.inline(0L), USAGE_CYCLES.BULK_SEND_RECIPIENTS.minus(Math.max(0, recipients))))
        .set(USAGE_CYCLES.EMAILS, DSL.greatest(DSL.inline(0L), USAGE_CYCLES.EMAILS.minus(Math.max(0, emails))))
        .where(USAGE_CYCLES.ORG_ID.eq(orgId))
        .and(USAGE_CYCLES.CYCLE_START.le(reservedAt))
        .and(USAGE_CYCLES.CYCLE_END.gt(reservedAt))
        .execute();
  }

  /**
   * Adds {@code n} to each counter of the current cycle if every one stays within its limit; one
   * statement, so concurrent takes cannot both pass the last unit.
   */
  private boolean take(
      String orgId, int n, List<TableField<UsageCyclesRecord, Long>> counters,
      List<TableField<OrganizationLimitsRecord, Long>> limitFields) {
    for (int attempt = 0; attempt < 2; attempt++) {
      var update = dsl.update(USAGE_CYCLES).set(counters.get(0), counters.get(0).plus(n));
      for (int i = 1; i < counters.size(); i++) {
        update = update.set(counters.get(i), counters.get(i).plus(n));
      }
      Condition fits = DSL.noCondition();
      for (int i = 0; i < counters.size(); i++) {
        Field<Long> limit =
            DSL.field(DSL.select(limitFields.get(i)).from(ORGANIZATION_LIMITS).where(ORGANIZATION_LIMITS.ORG_ID.eq(orgId)));
        fits = fits.and(limit.isNull().or(counters.get(i).plus(n).le(limit)));
      }
      int changed = update.where(USAGE_CYCLES.ORG_ID.eq(orgId))
          .and(isCurrent())
          .and(fits)
          .execute();
      if (changed == 1) {
        return true;
      }
      if (attempt == 0 && !hasCurrentCycle(orgId)) {
        // The organization's first count, or its cycle ended before organization-limits ran.
        startCycle(orgId, clock.instant());
        continue;
      }
      return false;
    }
    return false;
  }

  /** The cycle {@code now} falls in. */
  private Condition isCurrent() {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return USAGE_CYCLES.CYCLE_START.le(now).and(USAGE_CYCLES.CYCLE_END.gt(now));
  }

  private boolean hasCurrentCycle(String orgId) {
    return dsl.fetchExists(USAGE_CYCLES, USAGE_CYCLES.ORG_ID.eq(orgId).and(isCurrent()));
  }

  /** The current cycle's row, started (the cycle {@code now} falls in) when there is none. */
  private UsageCyclesRecord current(String orgId) {
    Optional<UsageCyclesRecord> found =
        dsl.selectFrom(USAGE_CYCLES).where(USAGE_CYCLES.ORG_ID.eq(orgId)).and(isCurrent()).fetchOptional();
    if (found.isPresent()) {
      return found.get();
    }
    startCycle(orgId, clock.instant());
    return dsl.selectFrom(USAGE_CYCLES).where(USAGE_CYCLES.ORG_ID.eq(orgId)).and(isCurrent()).fetchSingle();
  }

  /**
   * Starts the organization's cycle that {@code now} falls in (its time zone, its anchor day),
   * unless it has started: true when this call started it. A cycle that would begin before the
   * previous one ends (the anchor day or time zone changed) begins when it ends.
   */
  public boolean startCycle(String orgId, Instant now) {
    String zone = OrganizationStore.zone(dsl, orgId)
        .orElseThrow(() -> new NotFoundException("organization", orgId));
    Integer anchorDay = dsl.fetchValue(
        ORGANIZATION_LIMITS.CYCLE_ANCHOR_DAY, ORGANIZATION_LIMITS.ORG_ID.eq(orgId));
    int anchor = anchorDay == null ? DEFAULT_ANCHOR_DAY : anchorDay;
    Cycle cycle = UsageCycles.at(now, ZoneId.of(zone), anchor);
    OffsetDateTime previousEnd =
        dsl.select(DSL.max(USAGE_CYCLES.CYCLE_END)).from(USAGE_CYCLES).where(USAGE_CYCLES.ORG_ID.eq(orgId)).fetchOne(0, OffsetDateTime.class);
    OffsetDateTime start = cycle.start().atOffset(ZoneOffset.UTC);
    if (previousEnd != null && previousEnd.isAfter(start)) {
      if (previousEnd.toInstant().isAfter(now)) {
        return false; // the current cycle runs on
      }
      start = previousEnd;
    }
    return dsl.insertInto(USAGE_CYCLES)
            .set(USAGE_CYCLES.ORG_ID, orgId)
            .set(USAGE_CYCLES.CYCLE_START, start)
            .set(USAGE_CYCLES.CYCLE_END, cycle.end().atOffset(ZoneOffset.UTC))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  /**
   * Of the next {@code limit} organizations after {@code afterOrgId} by id (read through the
   * organizations' store), those whose latest cycle has ended by {@code now}, or that have none:
   * the ones whose new cycle may start.
   */
  public Ended cycleEnded(Instant now, String afterOrgId, int limit) {
    List<String> page =
        OrganizationStore.zones(dsl, afterOrgId, limit).stream().map(OrganizationStore.Zone::orgId).toList();
    if (page.isEmpty()) {
      return new Ended(List.of(), afterOrgId, false);
    }
    Set<String> current = dsl.selectDistinct(USAGE_CYCLES.ORG_ID)
        .from(USAGE_CYCLES)
        .where(USAGE_CYCLES.ORG_ID.in(page))
        .and(USAGE_CYCLES.CYCLE_END.gt(now.atOffset(ZoneOffset.UTC)))
        .fetchSet(USAGE_CYCLES.ORG_ID);
    return new Ended(
        page.stream().filter(id -> !current.contains(id)).toList(), page.getLast(), page.size() == limit);
  }

  /**
   * One page of organizations: those whose cycle ended, the last id read (the next page's cursor),
   * and whether more may follow.
   */
  public record Ended(List<String> orgIds, String last, boolean more) {}

  private static Limits limits(OrganizationLimitsRecord r) {
    return new Limits(r.getEmails(), r.getSignatureRequests(), r.getBulkSendRecipients(), r.getCycleAnchorDay());
  }
}
