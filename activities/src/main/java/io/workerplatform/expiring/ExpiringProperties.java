package io.workerplatform.expiring;

import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.common.IdSet;
import static io.workerplatform.db.Tables.ORGANIZATION_JOB_DAYS;

import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cron job {@code expiring-properties} (and any other {@link Schedule}, such as {@code
 * filing-reminders}): once a day per organization, from 08:00 in its own time
 * zone, one event for each registered {@link ExpiringItems}' item 30, 14 and 7 days before it
 * expires (a contact's document: {@code document.expiring}) (urgency {@code LOW}, {@code MEDIUM}, {@code HIGH}). It runs hourly (the embedded
 * server reads cron schedules in UTC) and takes the organizations whose local time is past 08:00
 * and that it has not checked on their local date, so a day it did not run is caught up at its
 * next run. A threshold is published once (event id {@code <type>-<item>-<days>}, such as
 * {@code document-expiring-<doc>-<days>}); one
 * passed over is covered by the nearer one published, never sent late after it. An organization
 * that fails is recorded ({@code organization_job_days.last_error}, the run's {@code failed}
 * count) and tried again next hour; the others go on.
 */
public class ExpiringProperties implements CronJob {
  public static final String NAME = "expiring-properties";
  private static final Logger log = LoggerFactory.getLogger(ExpiringProperties.class);

  /**
   * When and how a job of this kind notices its items: at local time {@code at}, thresholds in
   * days before the item's date, nearest first, each with its urgency; the date goes into the
   * event as {@code dateField}.
   */
  public record Schedule(String name, LocalTime at, List<Integer> thresholds, List<String> urgencies, String dateField) {
    public Schedule {
      thresholds = List.copyOf(thresholds);
      urgencies = List.copyOf(urgencies);
      if (thresholds.size() != urgencies.size()) {
        throw new IllegalArgumentException("one urgency per threshold");
      }
    }

    String urgency(int threshold) {
      return urgencies.get(thresholds.indexOf(threshold));
    }
  }

  /** {@code expiring-properties}: from 08:00, 30 ({@code LOW}), 14 ({@code MEDIUM}) and 7 ({@code HIGH}) days ahead. */
  public static final Schedule EXPIRING = new Schedule(
      NAME, LocalTime.of(8, 0), List.of(7, 14, 30), List.of("HIGH", "MEDIUM", "LOW"), "expiresAt");

  private final Schedule schedule;
  private final DSLContext dsl;
  private final PlatformEvents events;
  private final JsonMapper json;
  private final List<ExpiringItems> kinds;

  public ExpiringProperties(DSLContext dsl, PlatformEvents events, JsonMapper json, List<? extends ExpiringItems> kinds) {
    this(EXPIRING, dsl, events, json, kinds);
  }

  /** The job {@code schedule} names, over the registered kinds whose {@link ExpiringItems#job()} it is. */
  public ExpiringProperties(
      Schedule schedule, DSLContext dsl, PlatformEvents events, JsonMapper json, List<? extends ExpiringItems> kinds) {
    this.schedule = schedule;
    this.dsl = dsl;
    this.events = events;
    this.json = json;
    this.kinds = kinds.stream().filter(k -> k.job().equals(schedule.name())).map(k -> (ExpiringItems) k).toList();
  }

  @Override
  public String name() {
    return schedule.name();
  }

  /** Input {@code batchSize}: organizations per batch (200). */
  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int batchSize = CronInputs.positiveInt(input, "batchSize", 200);
    Map<String, Long> counts = new LinkedHashMap<>(Map.of("organizations", 0L, "events", 0L, "failed", 0L));
    String after = "";
    List<OrganizationStore.Zone> orgs;
    do {
      orgs = OrganizationStore.zones(dsl, after, batchSize);
      Map<String, LocalDate> checked =
          dsl.select(ORGANIZATION_JOB_DAYS.ORG_ID, ORGANIZATION_JOB_DAYS.LOCAL_DATE)
              .from(ORGANIZATION_JOB_DAYS)
              .where(ORGANIZATION_JOB_DAYS.JOB.eq(schedule.name()))
              .and(IdSet.in(ORGANIZATION_JOB_DAYS.ORG_ID, orgs.stream().map(OrganizationStore.Zone::orgId).toList()))
              .fetchMap(ORGANIZATION_JOB_DAYS.ORG_ID, ORGANIZATION_JOB_DAYS.LOCAL_DATE);
      for (var org : orgs) {
        after = org.orgId();
        LocalDate lastChecked = checked.get(org.orgId());
        try {
          ZonedDateTime local = now.atZone(ZoneId.of(org.timeZone()));
          LocalDate today = local.toLocalDate();
          if (local.toLocalTime().isBefore(schedule.at()) || (lastChecked != null && !lastChecked.isBefore(today))) {
            continue; // not its hour yet, or checked today
          }
          counts.merge("events", (long) check(org.orgId(), today, now), Long::sum);
          counts.merge("organizations", 1L, Long::sum);
          done(org.orgId(), today, null, now);
        } catch (RuntimeException e) {
          counts.merge("failed", 1L, Long::sum);
          log.warn("{} failed for organization {} ({}); it is tried again next hour",
              schedule.name(), org.orgId(), e.getClass().getSimpleName());
          done(org.orgId(), lastChecked, e.getClass().getSimpleName(), now);
        }
      }
      heartbeat.run();
    } while (orgs.size() == batchSize);
    return counts;
  }

  /**
   * Runs one organization now, whatever its local hour and whether it ran today (a user's "run
   * now"): the notices due on its local date are published, each once, as the nightly run would.
   *
   * @return how many were published; empty when there is no such organization
   */
  public Optional<Integer> runOrganization(String orgId, Instant now) {
    return OrganizationStore.zone(dsl, orgId).map(zone -> {
      LocalDate today = now.atZone(ZoneId.of(zone)).toLocalDate();
      int published = check(orgId, today, now);
      done(orgId, today, null, now);
      return published;
    });
  }

  /** Publishes the organization's due notices for its local date {@code today}; returns how many. */
  private int check(String orgId, LocalDate today, Instant now) {
    int published = 0;
    List<Integer> thresholds = schedule.thresholds();
    for (ExpiringItems kind : kinds) {
      for (ExpiringItems.Item item : kind.expiring(dsl, orgId, today, today.plusDays(thresholds.getLast()))) {
        int daysLeft = (int) (item.expiresAt().toEpochDay() - today.toEpochDay());
        int threshold = thresholds.stream().filter(t -> daysLeft <= t).findFirst().orElseThrow();
        if (item.nearestNoticed() != null && item.nearestNoticed() <= threshold) {
          continue;
        }
        String eventId = kind.eventType().replace('.', '-') + "-" + item.id()
            + (item.occurrence() == null ? "" : "-" + item.occurrence()) + "-" + threshold;
        Map<String, Object> data = new LinkedHashMap<>(item.data());
        data.put(schedule.dateField(), item.expiresAt().toString());
        data.put("daysBefore", threshold);
        data.put("urgency", schedule.urgency(threshold));
        // Stored once under its id: a crash before the notices below publishes nothing twice.
        events.publish(new NewEvent(orgId, eventId, kind.eventType(), json.writeValueAsString(data), item.id(),
            null, null, null));
        // this threshold, and the farther ones it passes over
        kind.noticed(dsl, orgId, item.id(), thresholds.stream().filter(t -> t >= threshold).toList(), eventId,
            now.atOffset(ZoneOffset.UTC));
        published++;
      }
    }
    return published;
  }

  private void done(String orgId, LocalDate localDate, String error, Instant now) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    dsl.insertInto(ORGANIZATION_JOB_DAYS)
        .set(ORGANIZATION_JOB_DAYS.ORG_ID, orgId)
        .set(ORGANIZATION_JOB_DAYS.JOB, schedule.name())
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
