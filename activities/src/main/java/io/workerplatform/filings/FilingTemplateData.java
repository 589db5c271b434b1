package io.workerplatform.filings;

import io.workerplatform.email.TemplateData;
import io.workerplatform.organizations.OrganizationStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The {@code filing-reminder} template's data when a notification sends it: the filing its event
 * is about ({@code entityId} of the message's context), read from this capability's table. An
 * application's own {@code filing-reminder} (no {@code entityId}) keeps the data it gave.
 */
public final class FilingTemplateData implements TemplateData {
  private final FilingStore filings;
  private final DSLContext dsl;
  private final Clock clock;

  public FilingTemplateData(FilingStore filings, DSLContext dsl, Clock clock) {
    this.filings = filings;
    this.dsl = dsl;
    this.clock = clock;
  }

  @Override
  public Part prepare(String orgId, String template, Map<String, String> context) {
    String filingId = context.get("entityId");
    if (!FilingRecipients.TEMPLATE.equals(template) || filingId == null) {
      return Part.none();
    }
    return filings.find(orgId, filingId)
        .<Part>map(f -> {
          // the organization's today, as the reminders' thresholds count it (not UTC's)
          ZoneId zone = ZoneId.of(OrganizationStore.zone(dsl, orgId).orElse("UTC"));
          long daysLeft = f.dueDate().toEpochDay() - LocalDate.now(clock.withZone(zone)).toEpochDay();
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("title", f.title());
          data.put("kind", f.kind());
          data.put("dueDate", f.dueDate().toString());
          data.put("daysLeft", daysLeft);
          data.put("status", f.status());
          data.put("urgency", daysLeft <= 3 ? "URGENT" : daysLeft <= 7 ? "HIGH" : "NORMAL");
          return Part.adding((recipient, d) -> d.put("data", data));
        })
        .orElseGet(() -> Part.problem("filing " + filingId + " does not exist"));
  }
}
