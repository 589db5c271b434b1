package io.workerplatform.flowlimits;

import static io.workerplatform.db.Tables.FLOW_LIMITS;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Each organization's flow limits, set by the operator: what one organization may take of what
 * all of them share. An organization without a row has none.
 */
public class FlowLimitStore {
  /** The limits; a null one is none (the whole of what is shared). */
  public record FlowLimits(Double emailRateShare) {
    public static final FlowLimits NONE = new FlowLimits(null);
  }

  private final DSLContext dsl;
  private final Clock clock;

  public FlowLimitStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  public FlowLimits get(String orgId) {
    return dsl.select(FLOW_LIMITS.EMAIL_RATE_SHARE).from(FLOW_LIMITS).where(FLOW_LIMITS.ORG_ID.eq(orgId))
        .fetchOptional(r -> new FlowLimits(r.value1() == null ? null : r.value1().doubleValue()))
        .orElse(FlowLimits.NONE);
  }

  /** Sets every limit of the organization (a null one: none). */
  public void put(String orgId, FlowLimits limits) {
    BigDecimal share = limits.emailRateShare() == null ? null : BigDecimal.valueOf(limits.emailRateShare());
    OffsetDateTime now = OffsetDateTime.now(clock);
    dsl.insertInto(FLOW_LIMITS)
        .set(FLOW_LIMITS.ORG_ID, orgId)
        .set(FLOW_LIMITS.EMAIL_RATE_SHARE, share)
        .set(FLOW_LIMITS.UPDATED_AT, now)
        .onConflict(FLOW_LIMITS.ORG_ID)
        .doUpdate()
        .set(FLOW_LIMITS.EMAIL_RATE_SHARE, share)
        .set(FLOW_LIMITS.UPDATED_AT, now)
        .execute();
  }

  /** The organization's share of the global email rate, when it has one below 1. */
  public Optional<Double> emailRateShare(String orgId) {
    return Optional.ofNullable(get(orgId).emailRateShare()).filter(s -> s < 1.0);
  }
}
