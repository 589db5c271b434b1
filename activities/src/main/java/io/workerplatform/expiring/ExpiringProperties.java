package io.workerplatform.expiring;

import io.workerplatform.organizations.OrganizationStore;

import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
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
  private final OrganizationDays days;

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
    this.days = new OrganizationDays(dsl, schedule.name(), schedule.at());
  }

  @Override
  public String name() {
    return schedule.name();
  }

  /** Input {@code batchSize}: organizations per batch (200). */
  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int batchSize = CronInputs.positiveInt(input, "batchSize", 200);
    OrganizationDays.Outcome outcome =
        days.run(now, batchSize, Integer.MAX_VALUE, heartbeat, (orgId, today) -> check(orgId, today, now));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("organizations", outcome.organizations());
    counts.put("events", outcome.counted());
    counts.put("failed", outcome.failed());
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
      days.done(orgId, today, null, now);
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

}
