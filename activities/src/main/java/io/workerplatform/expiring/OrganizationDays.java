package io.workerplatform.expiring;

import static io.workerplatform.db.Tables.ORGANIZATION_JOB_DAYS;

import io.workerplatform.common.IdSet;
import io.workerplatform.organizations.OrganizationStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cron job's work done once a day per organization, from a local hour in the organization's
 * time zone: the job runs hourly (the embedded server reads cron schedules in UTC) and takes the
 * organizations whose local time is past the hour and that it has not done on their local date,
 * so a day it did not run is caught up at its next run. An organization that fails is recorded
 * ({@code organization_job_days.last_error}) and tried again at the next run; the others go on.
 */
public final class OrganizationDays {
  private static final Logger log = LoggerFactory.getLogger(OrganizationDays.class);

  /** One organization's work on its local date {@code today}; returns what it counted. */
  @FunctionalInterface
  public interface Work {
    long run(String orgId, LocalDate today);
  }

  /** What one run did: organizations done, their work's total, organizations failed, and whether it stopped at its limit. */
  public record Outcome(long organizations, long counted, long failed, boolean stoppedAtLimit) {}

  private final DSLContext dsl;
  private final String job;
  private final LocalTime at;

  public OrganizationDays(DSLContext dsl, String job, LocalTime at) {
    this.dsl = dsl;
    this.job = job;
    this.at = at;
  }

  /**
   * Does the work of every organization whose day it is, {@code batchSize} organizations read at
   * a time, at most {@code limit} done in this run (the rest at the next); {@code heartbeat}
   * between organizations.
   */
  public Outcome run(Instant now, int batchSize, int limit, Runnable heartbeat, Work work) {
    long done = 0;
    long counted = 0;
    long failed = 0;
    String after = "";
    List<OrganizationStore.Zone> orgs;
    do {
      orgs = OrganizationStore.zones(dsl, after, batchSize);
      Map<String, LocalDate> checked =
          dsl.select(ORGANIZATION_JOB_DAYS.ORG_ID, ORGANIZATION_JOB_DAYS.LOCAL_DATE)
              .from(ORGANIZATION_JOB_DAYS)
              .where(ORGANIZATION_JOB_DAYS.JOB.eq(job))
              .and(IdSet.in(ORGANIZATION_JOB_DAYS.ORG_ID, orgs.stream().map(OrganizationStore.Zone::orgId).toList()))
              .fetchMap(ORGANIZATION_JOB_DAYS.ORG_ID, ORGANIZATION_JOB_DAYS.LOCAL_DATE);
      for (var org : orgs) {
        after = org.orgId();
        LocalDate lastDone = checked.get(org.orgId());
        try {
          ZonedDateTime local = now.atZone(ZoneId.of(org.timeZone()));
          LocalDate today = local.toLocalDate();
          if (local.toLocalTime().isBefore(at) || (lastDone != null && !lastDone.isBefore(today))) {
            continue; // not its hour yet, or done today
          }
          if (done + failed >= limit) {
            return new Outcome(done, counted, failed, true);
          }
          counted += work.run(org.orgId(), today);
          done++;
          done(org.orgId(), today, null, now);
        } catch (RuntimeException e) {
          failed++;
          log.warn("{} failed for organization {} ({}); it is tried again at the next run",
              job, org.orgId(), e.getClass().getSimpleName());
          done(org.orgId(), lastDone, e.getClass().getSimpleName(), now);
        }
        heartbeat.run();
      }
    } while (orgs.size() == batchSize);
    return new Outcome(done, counted, failed, false);
  }

  /** Records the organization's day (or, with {@code error}, its failure and the day it last did). */
  public void done(String orgId, LocalDate localDate, String error, Instant now) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    dsl.insertInto(ORGANIZATION_JOB_DAYS)
        .set(ORGANIZATION_JOB_DAYS.ORG_ID, orgId)
        .set(ORGANIZATION_JOB_DAYS.JOB, job)
        .set(ORGANIZATION_JOB_DAYS.LOCAL_DATE, localDate)
        .set(ORGANIZATION_JOB_DAYS.LAST_ERROR, error)
        .set(ORGANIZATION_JOB_DAYS.UPDATED_AT, at)
        .onConflict(ORGANIZATION_JOB_DAYS.ORG_ID, ORGANIZATION_JOB_DAYS.JOB)
        .doUpdate()
        .set(ORGANIZATION_JOB_DAYS.LOCAL_DATE, localDate)
        .set(ORGANIZATION_JOB_DAYS.LAST_ERROR, error)
        .set(ORGANIZATION_JOB_DAYS.UPDATED_AT, at)
        .execute();
  }
}
