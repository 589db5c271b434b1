package io.workerplatform.email;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jooq.DSLContext;

/**
 * The email rate a send waits for: the global {@link SharedRate} of every host, and before it,
 * for an organization the operator gave a share of that rate, the organization's own budget of
 * that share (at least one send per window), held in PostgreSQL as the global one is. One
 * organization's burst then leaves the rest of the rate to the others.
 */
public final class OrganizationRates {
  /** An organization's share of the global rate, when it has one below 1 (the operator's flow limits). */
  @FunctionalInterface
  public interface Shares {
    Shares NONE = orgId -> Optional.empty();

    Optional<Double> of(String orgId);
  }

  private final DSLContext dsl;
  private final SharedRate global;
  private final Shares shares;
  private final ConcurrentMap<String, SharedRate> budgets = new ConcurrentHashMap<>();

  public OrganizationRates(DSLContext dsl, SharedRate global, Shares shares) {
    this.dsl = dsl;
    this.global = global;
    this.shares = shares;
  }

  /** Waits for a permit of the organization's share (if it has one), then of the global rate. */
  public void acquire(String orgId, Runnable heartbeat) {
    Optional<Double> share = orgId == null ? Optional.empty() : shares.of(orgId);
    if (share.isPresent()) {
      SharedRate.Rate all = global.rate();
      int permits = Math.max(1, (int) Math.floor(all.permits() * share.get()));
      SharedRate.Rate own = new SharedRate.Rate(permits, all.window());
      budgets.compute(orgId, (id, held) -> held != null && held.rate().equals(own)
              ? held
              : new SharedRate(dsl, "email/" + id, own, Clock.systemUTC()))
          .acquire(heartbeat);
    }
    global.acquire(heartbeat);
  }
}
