package io.workerplatform.sap;

import static io.workerplatform.db.Tables.PROFILES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.sap.FakeSap.BusinessPartner;
import io.workerplatform.sap.SapSyncActivities.PageResult;
import io.workerplatform.webhooks.AddressGuard;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A sync's pages against PostgreSQL and the local SAP service. */
class SapSyncActivitiesImplTest {
  static TestDatabase db;
  static SapStore store;
  static final LocalDate DAY = LocalDate.of(2026, 11, 30);
  FakeSap sap;
  String orgId;
  SapSyncActivitiesImpl activities;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("sap_sync");
    store = new SapStore(db.dsl, TestDatabase.SECRETS, Clock.systemUTC());
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @BeforeEach
  void organization() {
    sap = new FakeSap("sync-user", "s3cret");
    orgId = "org-" + System.nanoTime();
    db.organizations().create(orgId, "Org");
    store.put(orgId, sap.baseUrl(), "sync-user", "s3cret", 60, true);
    // the test's SAP runs on loopback: the guard lets it through as a developer's allowed host would
    SapClient client = new SapClient(new AddressGuard(false, Set.of("127.0.0.1"), true), Duration.ofSeconds(5), TestDatabase.JSON);
    activities = new SapSyncActivitiesImpl(db.dsl, store, client, Clock.systemUTC(), 2);
    store.startRun(orgId, "run-" + orgId);
  }

  @AfterEach
  void stopSap() {
    sap.close();
  }

  private List<String> names() {
    return db.dsl.select(PROFILES.NAME).from(PROFILES).where(PROFILES.ORG_ID.eq(orgId)).orderBy(PROFILES.EXTERNAL_ID)
        .fetch(PROFILES.NAME);
  }

  private int syncAll() {
    int pages = 0;
    PageResult page;
    do {
      page = activities.syncPage(orgId, "run-" + orgId);
      pages++;
    } while (page.more());
    return pages;
  }

  @Test
  void changesBecomeProfilesByBusinessPartnerNumberAndTheWatermarkAdvancesWithThem() {
    sap.partners.add(BusinessPartner.person("1000001", "Ana", "Diaz", DAY, LocalTime.of(9, 0)));
    sap.partners.add(BusinessPartner.company("1000002", "Acme GmbH", DAY, LocalTime.of(9, 0)));
    sap.partners.add(BusinessPartner.person("1000003", "Ben", "Ode", DAY, LocalTime.of(10, 30)));

    syncAll();

    assertThat(names()).containsExactly("Ana Diaz", "Acme GmbH", "Ben Ode");
    assertThat(store.find(orgId).orElseThrow().watermark())
        .isEqualTo(new SapClient.Watermark(DAY, LocalTime.of(10, 30), "1000003"));
    var run = store.finishRun("run-" + orgId, SapStore.COMPLETED, null);
    assertThat(List.of(run.created(), run.updated(), run.failed())).containsExactly(3, 0, 0);

    // a change after the watermark updates; what is at the watermark already is not read twice
    sap.change(new BusinessPartner("1000001", "1", "Ana Diaz-Ruiz", "Ana", "Diaz-Ruiz", null, DAY, LocalTime.of(11, 0), false));
    store.startRun(orgId, "run2-" + orgId);
    activities.syncPage(orgId, "run2-" + orgId);
    var second = store.finishRun("run2-" + orgId, SapStore.COMPLETED, null);
    assertThat(List.of(second.created(), second.updated(), second.failed())).containsExactly(0, 1, 0);
    assertThat(names()).containsExactly("Ana Diaz-Ruiz", "Acme GmbH", "Ben Ode");
    String filter = sap.received.getLast().query();
    assertThat(java.net.URLDecoder.decode(filter, java.nio.charset.StandardCharsets.UTF_8))
        .contains("$filter=LastChangeDate gt datetime'2026-11-30T00:00:00' or (LastChangeDate eq "
            + "datetime'2026-11-30T00:00:00' and LastChangeTime ge time'PT10H30M00S')");
  }

  @Test
  void manyPartnersChangedInTheSameSecondAreAllReadAcrossPages() {
    for (int i = 1; i <= 5; i++) {
      sap.partners.add(BusinessPartner.person("20000" + i, "P", "N" + i, DAY, LocalTime.of(8, 0)));
    }

    syncAll();
    sap.partners.add(BusinessPartner.person("200009", "P", "N9", DAY, LocalTime.of(8, 0)));
    syncAll();

    assertThat(names()).hasSize(6);
    assertThat(db.dsl.fetchCount(PROFILES, PROFILES.ORG_ID.eq(orgId))).isEqualTo(6);
  }

  @Test
  void aServerIgnoringSkipStopsTheSyncInsteadOfLoopingForever() {
    for (int i = 1; i <= 3; i++) {
      sap.partners.add(BusinessPartner.person("50000" + i, "P", "S" + i, DAY, LocalTime.of(6, 0)));
    }
    activities.syncPage(orgId, "run-" + orgId); // the first two, up to the watermark
    sap.ignoreSkip = true;

    assertThatThrownBy(() -> activities.syncPage(orgId, "run-" + orgId))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo(SapSyncActivities.REFUSED));
    assertThat(names()).hasSize(2);
  }

  @Test
  void aCrashBeforeTheCommitLosesAndDuplicatesNothing() {
    sap.partners.add(BusinessPartner.person("3000001", "A", "One", DAY, LocalTime.of(7, 0)));
    sap.partners.add(BusinessPartner.person("3000002", "B", "Two", DAY, LocalTime.of(7, 0)));
    sap.partners.add(BusinessPartner.person("3000003", "C", "Three", DAY, LocalTime.of(7, 1)));
    activities.syncPage(orgId, "run-" + orgId); // the first page committed
    sap.failNext(503, 1); // the next read fails: the activity is retried

    assertThatThrownBy(() -> activities.syncPage(orgId, "run-" + orgId)).isInstanceOf(SapException.class);
    syncAll();

    assertThat(names()).containsExactly("A One", "B Two", "C Three");
  }

  @Test
  void refusedCredentialsAndUnreadablePartnersAreNamed() {
    sap.partners.add(new BusinessPartner("4000001", "9", "Odd", null, null, null, DAY, LocalTime.NOON, false));
    sap.partners.add(BusinessPartner.person("4000002", "Good", "One", DAY, LocalTime.NOON));
    assertThat(activities.syncPage(orgId, "run-" + orgId)).isEqualTo(new PageResult(1, 0, 1, true));

    store.put(orgId, sap.baseUrl(), "sync-user", "wrong", 60, true);
    assertThatThrownBy(() -> activities.syncPage(orgId, "run-" + orgId))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(SapSyncActivities.UNAUTHORIZED);
          assertThat(f.isNonRetryable()).isTrue();
        });
  }

  @Test
  void aBaseUrlOnAPrivateAddressIsRefusedAtTheConnection() {
    SapClient guarded = new SapClient(new AddressGuard(false, Set.of(), false), Duration.ofSeconds(5), TestDatabase.JSON);
    var refused = new SapSyncActivitiesImpl(db.dsl, store, guarded, Clock.systemUTC(), 2);
    store.put(orgId, "https://127.0.0.1:" + URI.create(sap.baseUrl()).getPort(), "sync-user", "s3cret", 60, true);

    assertThatThrownBy(() -> refused.syncPage(orgId, "run-" + orgId))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(SapSyncActivities.REFUSED);
          assertThat(f.getOriginalMessage()).contains("non-public address");
        });
    assertThat(sap.received).isEmpty();
  }
}
