package io.workerplatform.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.compliance.ComplianceSource.Requirements;
import io.workerplatform.compliance.ComplianceStore.Run;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.documents.DocumentCompliance;
import io.workerplatform.documents.DocumentStore;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.filings.FilingCompliance;
import io.workerplatform.filings.FilingStore;
import io.workerplatform.profiles.ProfileCompliance;
import io.workerplatform.profiles.ProfilePropertyStore;
import io.workerplatform.profiles.ProfileStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compliance scores from profiles' documents, contacts' documents and filings, in PostgreSQL. */
class ComplianceRefreshTest {
  static TestDatabase db;
  static ComplianceStore store;
  static ComplianceRefresh refresh;
  static final List<NewEvent> published = new CopyOnWriteArrayList<>();
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @BeforeAll
  static void start() {
    db = TestDatabase.create("compliance");
    store = new ComplianceStore(db.dsl, Clock.systemUTC(), TestDatabase.JSON);
    refresh = new ComplianceRefresh(store, db.dsl,
        List.of(new ProfileCompliance(), new DocumentCompliance(), new FilingCompliance()),
        ComplianceScore.Weights.DEFAULTS, event -> {
          published.add(event);
          db.eventStore().store(event);
        }, TestDatabase.JSON, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static String profile(String orgId, String externalId) {
    return new ProfileStore(db.dsl, Clock.systemUTC())
        .create(orgId, new ProfileStore.Fields("PERSON", "P " + externalId, "DE", null, null, externalId)).id();
  }

  private static Run refreshNow(String orgId) {
    return refresh.compute(orgId, store.start(orgId, "MANUAL").run().id());
  }

  @Test
  void eachMissingExpiredOrExpiringDocumentAndEachLateOrSoonDueFilingCostsItsPoints() {
    String org = db.organization("org-score", "UTC");
    store.setRequirements(org, new Requirements(List.of("passport"), List.of("ID card")));
    ProfilePropertyStore properties = new ProfilePropertyStore(db.dsl, Clock.systemUTC());
    String missing = profile(org, "a");
    String expired = profile(org, "b");
    properties.add(org, expired, "DOCUMENT", "Passport", TODAY.minusDays(1));
    String expiring = profile(org, "c");
    properties.add(org, expiring, "DOCUMENT", "PASSPORT", TODAY.plusDays(10));
    String fine = profile(org, "d");
    properties.add(org, fine, "DOCUMENT", "passport", TODAY.plusDays(300));
    properties.add(org, fine, "CERTIFICATION", "passport", TODAY.minusDays(5)); // not a document
    String contact = new ContactStore(db.dsl, Clock.systemUTC())
        .createContacts(org, List.of(new ContactStore.NewContact("c@example.com", "C", null))).getFirst();
    new DocumentStore(db.dsl, Clock.systemUTC()).add(org, contact, "id card", TODAY.plusDays(400));
    FilingStore filings = new FilingStore(db.dsl, Clock.systemUTC());
    String overdue = filings.create(org, new FilingStore.Fields("Q3", "VAT", TODAY.minusDays(2), null, List.of())).id();
    String soon = filings.create(org, new FilingStore.Fields("Q4", "VAT", TODAY.plusDays(3), "PREPARED", List.of())).id();
    filings.create(org, new FilingStore.Fields("Q2", "VAT", TODAY.minusDays(30), "FILED", List.of()));

    Run run = refreshNow(org);

    // 100 - (missing 10 + expired 15 + expiring 5 + overdue 20 + due soon 5)
    assertThat(run.status()).isEqualTo("COMPLETED");
    assertThat(run.score()).isEqualTo(45);
    assertThat(run.level()).isEqualTo("RED");
    assertThat(run.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "MISSING_DOCUMENT", 1L, "EXPIRED_DOCUMENT", 1L, "EXPIRING_DOCUMENT", 1L, "OVERDUE_FILING", 1L,
        "FILING_DUE_SOON", 1L));
    assertThat(run.issues()).extracting(i -> i.get("type") + " " + i.getOrDefault("profileId", i.get("filingId")))
        .containsExactlyInAnyOrder("MISSING_DOCUMENT " + missing, "EXPIRED_DOCUMENT " + expired,
            "EXPIRING_DOCUMENT " + expiring, "OVERDUE_FILING " + overdue, "FILING_DUE_SOON " + soon);
    assertThat(run.recommendations()).contains("Add a passport document to profile " + missing,
        "File filing " + overdue + " (VAT), overdue since " + TODAY.minusDays(2));
    assertThat(run.recommendations().toString()).doesNotContain("P a"); // names never
    // worse than nothing before (GREEN): the alert, once
    assertThat(published).filteredOn(e -> e.orgId().equals(org)).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("compliance.level.changed");
      assertThat(e.eventId()).isEqualTo("compliance-level-changed-" + run.id());
      assertThat(e.dataJson()).contains("\"level\":\"RED\"").contains("\"previousLevel\":\"GREEN\"").contains("\"score\":45");
    });
    assertThat(refresh.compute(org, run.id())).isEqualTo(run); // computed: answered as stored

    // fixed: better is no alert; then one issue less good is AMBER... from GREEN, an alert again
    filings.update(org, overdue, new FilingStore.Fields(null, null, null, "FILED", null));
    filings.update(org, soon, new FilingStore.Fields(null, null, null, "FILED", null));
    properties.add(org, missing, "DOCUMENT", "passport", TODAY.plusDays(365));
    properties.add(org, expired, "DOCUMENT", "passport", TODAY.plusDays(365));
    properties.add(org, expiring, "DOCUMENT", "passport", TODAY.plusDays(365));
    assertThat(refreshNow(org).level()).isEqualTo("GREEN");
    assertThat(published).filteredOn(e -> e.orgId().equals(org)).hasSize(1);
    assertThat(store.latest(org).orElseThrow().score()).isEqualTo(100);
    assertThat(store.history(org, 10, java.util.Optional.empty()).items()).hasSize(2);
  }

  @Test
  void oneRefreshRunsAtATimeAndAnUnknownRunIsRefused() {
    String org = db.organization("org-once", "UTC");
    ComplianceStore.Started first = store.start(org, "MANUAL");
    ComplianceStore.Started second = store.start(org, "MANUAL");

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.run().id()).isEqualTo(first.run().id());
    assertThat(refresh.nightly(org).id()).isEqualTo(first.run().id()); // the nightly one leaves it
    assertThatThrownBy(() -> refresh.compute("org-once-other", first.run().id()))
        .isInstanceOf(ComplianceRefresh.UnknownRunException.class);
    refresh.compute(org, first.run().id());
    assertThat(store.start(org, "MANUAL").created()).isTrue();
  }

  @Test
  void theNightlyJobScoresEachOrganizationOnceFromTwoAtNightAndAFailingOneDoesNotStopTheOthers() {
    String good = db.organization("org-night-good", "UTC");
    String bad = db.organization("org-night-bad", "Mars/Olympus");
    ComplianceRefreshJob job = new ComplianceRefreshJob(db.dsl, refresh, 600);
    Instant threeAm = TODAY.atTime(3, 0).toInstant(ZoneOffset.UTC);

    Map<String, Long> counts = job.run(Map.of(), threeAm, () -> {});
    Map<String, Long> again = job.run(Map.of(), threeAm.plusSeconds(3600), () -> {});

    assertThat(store.latest(good)).isPresent();
    assertThat(store.latest(bad)).isEmpty();
    assertThat(counts.get("failed")).isGreaterThanOrEqualTo(1);
    assertThat(again.get("organizations")).isZero(); // done tonight: only the failing one is tried again
    assertThat(again.get("failed")).isGreaterThanOrEqualTo(1);
    assertThat(job.run(Map.of(), TODAY.atTime(1, 0).toInstant(ZoneOffset.UTC), () -> {}).get("organizations")).isZero();
  }
}
