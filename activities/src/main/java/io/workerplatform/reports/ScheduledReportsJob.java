package io.workerplatform.reports;

import io.workerplatform.cron.CronJob;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.files.FileStorage;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.reporting.ReportSource;
import io.workerplatform.reports.ReportStore.Report;
import io.workerplatform.reports.ReportStore.Schedule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cron job {@code scheduled-reports}: builds each schedule's report of the latest period that
 * ended (once per schedule and period; a period that ended before the schedule existed is not
 * built), as a CSV file streamed from its {@link ReportSource} to storage; announces each ready
 * report by {@code report.ready} (event id {@code report-ready-<id>}, published once), which emails
 * its members a signed link; and deletes the files whose links expired. A report that failed is
 * recorded and built again at the next run, without stopping the others. Input {@code orgId}
 * (optional) builds that organization's schedules only.
 */
public final class ScheduledReportsJob implements CronJob {
  public static final String NAME = "scheduled-reports";
  public static final String READY_EVENT = "report.ready";
  private static final Logger log = LoggerFactory.getLogger(ScheduledReportsJob.class);
  private static final int PAGE = 100;

  private final ReportStore store;
  private final DSLContext dsl;
  private final Map<String, ReportSource> sources;
  private final FileStorage storage;
  private final PlatformEvents events;
  private final JsonMapper json;
  private final Duration linkValidity;

  public ScheduledReportsJob(
      ReportStore store, DSLContext dsl, List<? extends ReportSource> sources, FileStorage storage,
      PlatformEvents events, JsonMapper json, Duration linkValidity) {
    this.store = store;
    this.dsl = dsl;
    this.sources = new LinkedHashMap<>();
    sources.forEach(s -> this.sources.put(s.kind(), s));
    this.storage = storage;
    this.events = events;
    this.json = json;
    this.linkValidity = linkValidity;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    long built = 0;
    long failed = 0;
    String orgId = input.get("orgId"); // one organization's schedules only, when given
    String after = "";
    for (List<Schedule> page = store.schedulesAfter(orgId, after, PAGE); !page.isEmpty();
        page = store.schedulesAfter(orgId, after, PAGE)) {
      for (Schedule schedule : page) {
        after = schedule.id();
        ZoneId zone = ZoneId.of(OrganizationStore.zone(dsl, schedule.orgId()).orElse("UTC"));
        ReportPeriods period = ReportPeriods.latestEnded(schedule.period(), now, zone);
        if (!period.until().toInstant().isAfter(schedule.createdAt())) {
          continue; // it ended before the schedule existed
        }
        Report report = store.claim(schedule, period.start(), period.end());
        if (ReportStore.BUILDING.equals(report.status()) || ReportStore.FAILED.equals(report.status())) {
          if (build(report, period, now, heartbeat)) {
            built++;
          } else {
            failed++;
          }
        }
        heartbeat.run();
      }
    }
    long announced = 0;
    for (Report report : store.unannounced(1000)) {
      announce(report);
      announced++;
      heartbeat.run();
    }
    long expired = 0;
    for (Report report : store.expiredBy(now, 1000)) {
      try {
        storage.delete(report.storageKey());
        store.expired(report.id());
        expired++;
      } catch (IOException e) {
        log.warn("Report {}: its expired file could not be deleted; tried again at the next run", report.id());
      }
    }
    return Map.of("built", built, "failed", failed, "announced", announced, "expired", expired);
  }

  private boolean build(Report report, ReportPeriods period, Instant now, Runnable heartbeat) {
    ReportSource source = sources.get(report.kind());
    if (source == null) {
      store.failed(report.id(), "no report of kind " + report.kind() + " is registered");
      return false;
    }
    String key = "reports/" + report.orgId() + "/" + report.id() + ".csv";
    long[] rows = {0};
    FileStorage.Stored[] file = new FileStorage.Stored[1];
    try {
      storage.delete(key); // what a run that stopped after writing left behind
      // One read-only transaction: a consistent snapshot, and the cursor streams (PostgreSQL only
      // streams a cursor inside a transaction); the file goes to storage as it is written.
      dsl.transaction(tx -> {
        tx.dsl().execute("set transaction isolation level repeatable read, read only");
        file[0] = storage.writeHashed(key, out -> {
          Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
          ReportCsv.line(csv, source.columns());
          source.rows(tx.dsl(), report.orgId(), period.from(), period.until(), values -> {
            ReportCsv.line(csv, values);
            if (++rows[0] % 1000 == 0) {
              heartbeat.run();
            }
          });
          csv.flush();
        });
      });
    } catch (DataAccessException e) {
      return failed(report, e.getCause() instanceof IOException ? "the file could not be stored" : "the rows could not be read");
    } catch (IOException e) {
      return failed(report, "the file could not be stored");
    }
    store.ready(report.id(), key, file[0].sizeBytes(), file[0].sha256(), rows[0], now.plus(linkValidity));
    log.info("Report {} of schedule {} built: {} rows", report.id(), report.scheduleId(), rows[0]);
    return true;
  }

  private boolean failed(Report report, String reason) {
    store.failed(report.id(), reason);
    log.warn("Report {} of schedule {} failed: {}; built again at the next run", report.id(), report.scheduleId(), reason);
    return false;
  }

  private void announce(Report report) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("reportId", report.id());
    data.put("kind", report.kind());
    data.put("period", report.period());
    data.put("periodStart", report.periodStart().toString());
    data.put("periodEnd", report.periodEnd().toString());
    // stored once under its id: a run that stopped before marking it announced publishes nothing twice
    events.publish(new NewEvent(report.orgId(), "report-ready-" + report.id(), READY_EVENT,
        json.writeValueAsString(data), report.id(), null, null, null));
    store.announced(report.id());
  }
}
