package io.workerplatform.reports;

import io.workerplatform.events.HandledEvent;
import io.workerplatform.notifications.NotificationRecipients;
import java.util.Optional;
import java.util.Set;

/**
 * Who {@code report.ready} notifies: the members its schedule named when the report was built,
 * whatever their role (in-app and the {@code report-ready} email with their signed link, per their
 * preferences for the type).
 */
public final class ReportRecipients implements NotificationRecipients {
  public static final String TEMPLATE = "report-ready";

  private final ReportStore reports;

  public ReportRecipients(ReportStore reports) {
    this.reports = reports;
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of(ScheduledReportsJob.READY_EVENT);
  }

  @Override
  public Set<String> memberIds(HandledEvent event) {
    return reports.report(event.orgId(), event.data().path("reportId").asString(""))
        .map(r -> Set.copyOf(r.recipientIds()))
        .orElse(Set.of());
  }

  /** "Report rep_1 (deliveries, 2026-11-30 to 2026-12-07) is ready": the report, its kind and period. */
  @Override
  public Optional<String> title(HandledEvent event) {
    var data = event.data();
    return Optional.of("Report " + data.path("reportId").asString("?") + " (" + data.path("kind").asString("?") + ", "
        + data.path("periodStart").asString("?") + " to " + data.path("periodEnd").asString("?") + ") is ready");
  }

  @Override
  public Optional<String> emailTemplate(String eventType) {
    return Optional.of(TEMPLATE);
  }
}
