package io.workerplatform.screening;

import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.organizations.OrganizationStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cron job {@code adverse-media-monitor} (the old {@code adverse-media-monitor}): once a night per
 * organization with an active screening integration, from 03:00 in its time zone, a screening
 * of kind {@code ADVERSE_MEDIA} rescreens its profiles under adverse-media monitoring for type
 * {@code adverse-media}, paced and steerable like any screening; each new article publishes
 * {@code profile.adverse-media.found} ({@link AdverseMediaArticles}). It runs hourly (the
 * embedded server reads cron schedules in UTC) and takes the organizations whose night it is and
 * that it has not started on their local date. An organization that fails is counted and tried
 * next hour; the others go on.
 */
public class AdverseMediaJob implements CronJob {
  public static final String NAME = "adverse-media-monitor";
  static final LocalTime AT = LocalTime.of(3, 0);
  private static final Logger log = LoggerFactory.getLogger(AdverseMediaJob.class);

  private final DSLContext dsl;
  private final ScreeningIntegrationStore integrations;
  private final ScreeningStore screenings;
  private final Consumer<ScreeningStore.Screening> start;

  /** {@code start}: starts a stored screening's workflow (the relay starts it if this fails). */
  public AdverseMediaJob(
      DSLContext dsl, ScreeningIntegrationStore integrations, ScreeningStore screenings,
      Consumer<ScreeningStore.Screening> start) {
    this.dsl = dsl;
    this.integrations = integrations;
    this.screenings = screenings;
    this.start = start;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Input {@code batchSize}: organizations per page (200). */
  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int batchSize = CronInputs.positiveInt(input, "batchSize", 200);
    Map<String, Long> counts = new LinkedHashMap<>(Map.of("organizations", 0L, "profiles", 0L, "failed", 0L));
    Map<String, LocalDate> active = integrations.activeAdverseMediaDates();
    String after = "";
    List<OrganizationStore.Zone> orgs;
    do {
      orgs = OrganizationStore.zones(dsl, after, batchSize);
      for (OrganizationStore.Zone org : orgs) {
        after = org.orgId();
        if (!active.containsKey(org.orgId())) {
          continue;
        }
        try {
          ZonedDateTime local = now.atZone(ZoneId.of(org.timeZone()));
          LocalDate today = local.toLocalDate();
          LocalDate last = active.get(org.orgId());
          if (local.toLocalTime().isBefore(AT) || (last != null && !last.isBefore(today))) {
            continue; // not its night yet, or started tonight
          }
          ScreeningStore.Screening screening = screenings.createAdverseMedia(org.orgId());
          integrations.adverseMediaChecked(org.orgId(), today);
          if (screening.total() == 0) {
            screenings.finish(screening.id(), "COMPLETED", null);
          } else {
            startQuietly(screening);
          }
          counts.merge("organizations", 1L, Long::sum);
          counts.merge("profiles", (long) screening.total(), Long::sum);
        } catch (RuntimeException e) {
          counts.merge("failed", 1L, Long::sum);
          log.warn("adverse-media-monitor failed for organization {} ({}); it is tried again next hour",
              org.orgId(), e.getClass().getSimpleName());
        }
      }
      heartbeat.run();
    } while (orgs.size() == batchSize);
    return counts;
  }

  private void startQuietly(ScreeningStore.Screening screening) {
    try {
      start.accept(screening);
    } catch (RuntimeException e) {
      log.info("Screening {} stored; the relay starts it ({})", screening.id(), e.getClass().getSimpleName());
    }
  }
}
