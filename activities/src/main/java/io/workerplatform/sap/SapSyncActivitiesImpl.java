package io.workerplatform.sap;

import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.profiles.ProfileStore;
import io.workerplatform.sap.SapClient.Connection;
import io.workerplatform.sap.SapClient.Partner;
import io.workerplatform.sap.SapClient.Watermark;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A sync's steps: a page of the partners changed since the organization's watermark, upserted as
 * profiles by business partner number ({@code externalId}) in one transaction with the watermark's
 * advance and the run's counts, so a crash resumes exactly after the last page written: nothing
 * lost, nothing twice. A partner SAP sends without a number, a name or a change date counts as
 * failed and never stops the sync.
 */
public class SapSyncActivitiesImpl implements SapSyncActivities {
  private final DSLContext dsl;
  private final SapStore store;
  private final SapClient client;
  private final Clock clock;
  private final int pageSize;
  /** Partners at the watermark's very second read past at most (a server ignoring {@code $skip} stops here). */
  static final int MAX_SKIPPED = 10_000;

  public SapSyncActivitiesImpl(DSLContext dsl, SapStore store, SapClient client, Clock clock, int pageSize) {
    this.dsl = dsl;
    this.store = store;
    this.client = client;
    this.clock = clock;
    this.pageSize = pageSize;
  }

  @Override
  public void startRun(String orgId, String runId) {
    connection(orgId);
    store.startRun(orgId, runId);
  }

  @Override
  public PageResult syncPage(String orgId, String runId) {
    Connection connection = connection(orgId);
    Watermark since = store.find(orgId).map(SapStore.Integration::watermark).orElse(null);
    for (int skip = 0; skip <= MAX_SKIPPED; skip += pageSize) {
      List<Partner> page = read(connection, since, skip);
      List<Partner> fresh = page.stream()
          .filter(p -> p.id() != null && p.changeDate() != null && p.changeTime() != null)
          .filter(p -> since == null || since.before(p))
          .toList();
      boolean more = page.size() == pageSize;
      if (!fresh.isEmpty()) {
        return write(orgId, runId, fresh, page.size() - (int) page.stream()
            .filter(p -> p.id() != null && p.changeDate() != null && p.changeTime() != null).count(), more);
      }
      if (!more) {
        return new PageResult(0, 0, 0, false);
      }
      // a full page at or before the watermark (partners changed in the same second): read on
    }
    // a server that ignores $skip would answer the same page forever
    throw ApplicationFailure.newNonRetryableFailure(
        "SAP partners: more than " + MAX_SKIPPED + " partners at the watermark's second, or $skip ignored", REFUSED);
  }

  private PageResult write(String orgId, String runId, List<Partner> fresh, int unreadable, boolean more) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return dsl.transactionResult(c -> {
      DSLContext t = c.dsl();
      int created = 0;
      int updated = 0;
      int failed = unreadable;
      for (Partner p : fresh) {
        String type = "1".equals(p.category()) ? ProfileStore.PERSON : "2".equals(p.category()) ? ProfileStore.COMPANY : null;
        String name = name(p, type);
        if (type == null || name == null || p.id().length() > 100) {
          failed++;
          continue;
        }
        switch (ProfileStore.upsertByExternalId(t, orgId, p.id(), type, name.length() > 300 ? name.substring(0, 300) : name, now)) {
          case CREATED -> created++;
          case UPDATED -> updated++;
          case UNCHANGED -> { }
        }
      }
      SapStore.advance(t, orgId, Watermark.of(fresh.get(fresh.size() - 1)));
      SapStore.count(t, runId, created, updated, failed);
      return new PageResult(created, updated, failed, more);
    });
  }

  private static String name(Partner p, String type) {
    if (ProfileStore.PERSON.equals(type)) {
      if (p.fullName() != null) {
        return p.fullName();
      }
      String joined = ((p.firstName() == null ? "" : p.firstName()) + " " + (p.lastName() == null ? "" : p.lastName())).strip();
      return joined.isEmpty() ? null : joined;
    }
    return p.organizationName() != null ? p.organizationName() : p.fullName();
  }

  private List<Partner> read(Connection connection, Watermark since, int skip) {
    try {
      return client.changes(connection, since, pageSize, skip);
    } catch (SapException e) {
      switch (e.kind()) {
        case UNAUTHORIZED -> throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), UNAUTHORIZED);
        case PERMANENT -> throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), REFUSED);
        default -> throw e; // retried
      }
    }
  }

  @Override
  public SyncCounts finishRun(String runId, String status, String error) {
    SapStore.Run run = store.finishRun(runId, status, error);
    return new SyncCounts(run.created(), run.updated(), run.failed());
  }

  private Connection connection(String orgId) {
    return store.connection(orgId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "organization " + orgId + " has no SAP integration", InvalidInput.TYPE, "orgId"));
  }
}
