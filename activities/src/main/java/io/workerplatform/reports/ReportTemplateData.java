package io.workerplatform.reports;

import io.workerplatform.email.TemplateData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code report-ready} template's data when a notification sends it: the report its event is
 * about ({@code entityId}), and the recipient's own signed link, valid until the report expires. A
 * member the report does not name gets no link.
 */
public final class ReportTemplateData implements TemplateData {
  private final ReportStore reports;
  private final ReportLinks links;

  public ReportTemplateData(ReportStore reports, ReportLinks links) {
    this.reports = reports;
    this.links = links;
  }

  @Override
  public Part prepare(String orgId, String template, Map<String, String> context) {
    String reportId = context.get("entityId");
    if (!ReportRecipients.TEMPLATE.equals(template) || reportId == null) {
      return Part.none();
    }
    return reports.report(orgId, reportId)
        .filter(r -> ReportStore.READY.equals(r.status()))
        .<Part>map(r -> Part.adding((recipient, data) -> {
          Map<String, Object> report = new LinkedHashMap<>();
          report.put("kind", r.kind());
          report.put("period", r.period());
          report.put("periodStart", r.periodStart().toString());
          report.put("lastDay", r.periodEnd().minusDays(1).toString());
          report.put("rows", r.rows());
          report.put("expiresAt", r.expiresAt().toString());
          if (recipient.memberId() != null && r.recipientIds().contains(recipient.memberId())) {
            report.put("link", links.url(r.id(), recipient.memberId(), r.expiresAt()));
          }
          data.put("data", report);
        }))
        .orElseGet(() -> Part.problem("report " + reportId + " is not ready"));
  }
}
