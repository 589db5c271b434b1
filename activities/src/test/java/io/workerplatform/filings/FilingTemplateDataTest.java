package io.workerplatform.filings;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.email.Recipient;
import io.workerplatform.filings.FilingStore.Fields;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filing-reminder email's data: the days left counted in the organization's time zone. */
class FilingTemplateDataTest {
  static TestDatabase db;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("filing_template_data");
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  @Test
  void theDaysLeftAreCountedFromTheOrganizationsTodayNotUtcs() {
    // 00:30 UTC on 8 December is still 7 December in New York
    Clock clock = Clock.fixed(Instant.parse("2026-12-08T00:30:00Z"), ZoneOffset.UTC);
    String org = db.organization("org-new-york", "America/New_York");
    FilingStore filings = new FilingStore(db.dsl, clock);
    String id = filings.create(org, new Fields("VAT", "VAT", LocalDate.parse("2026-12-13"), "DRAFT", List.of())).id();

    Map<String, Object> data = new HashMap<>();
    new FilingTemplateData(filings, db.dsl, clock).prepare(org, FilingRecipients.TEMPLATE, Map.of("entityId", id))
        .addTo(new Recipient(null, "mem_1", org, "Acme", "a@example.com", "Ana", "en"), data);

    @SuppressWarnings("unchecked")
    Map<String, Object> filing = (Map<String, Object>) data.get("data");
    assertThat(filing).containsEntry("daysLeft", 6L).containsEntry("urgency", "HIGH");
  }
}
