package io.workerplatform.screening;

import static io.workerplatform.db.Tables.PROFILE_SCREENINGS;
import static io.workerplatform.db.Tables.SCREENINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.profiles.ProfileStore;
import io.workerplatform.screening.FakeComplyAdvantage.FakeHit;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Monitoring and the nightly adverse-media rescreen against PostgreSQL and the local ComplyAdvantage. */
class ScreeningMonitorTest {
  static TestDatabase db;
  static final FakeComplyAdvantage provider = new FakeComplyAdvantage("key-1");
  static ProfileStore profiles;
  static ScreeningStore screenings;
  static ScreeningResults results;
  static ScreeningIntegrationStore integrations;
  static ComplyAdvantageClient client;
  final List<NewEvent> published = new CopyOnWriteArrayList<>();
  ScreeningMonitor monitor;
  String orgId;
  String profileId;
  String searchId;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("screening_monitor");
    profiles = new ProfileStore(db.dsl, Clock.systemUTC());
    screenings = new ScreeningStore(db.dsl, Clock.systemUTC());
    results = new ScreeningResults(db.dsl, Clock.systemUTC());
    integrations = new ScreeningIntegrationStore(db.dsl, TestDatabase.SECRETS, Clock.systemUTC());
    client = new ComplyAdvantageClient(URI.create(provider.baseUrl()), Duration.ofSeconds(5), TestDatabase.JSON);
  }

  @AfterAll
  static void close() throws Exception {
    provider.close();
    db.close();
  }

  @BeforeEach
  void aScreenedProfile() {
    orgId = "org-" + System.nanoTime();
    db.organizations().create(orgId, "Org");
    integrations.put(orgId, "key-1", 50, 0.6);
    monitor = new ScreeningMonitor(db.dsl, integrations,
        new IntegrationFailures(integrations, published::add, TestDatabase.JSON), client, results, published::add,
        TestDatabase.JSON, Clock.systemUTC());
    String name = "Watched " + orgId;
    provider.hits(name, new FakeHit("W1", name, List.of("sanction")));
    profileId = profiles.create(orgId, new ProfileStore.Fields("PERSON", name, null, null, null, null)).id();
    var search = client.search("key-1", new ScreeningProvider.SearchRequest(name, profileId, 0.6, ScreeningProvider.TYPES, null));
    results.record(orgId, profileId, null, search);
    searchId = search.id();
  }

  private List<NewEvent> changes() {
    return published.stream().filter(e -> e.type().equals(ScreeningMonitor.CHANGED)).toList();
  }

  @Test
  void aNewHitAlertsOnceAndADispositionedHitNeverAlertsAgain() {
    monitor.monitor(orgId, profileId, true);
    assertThat(provider.searches.get(searchId).monitored()).isTrue();
    assertThat(monitor.isMonitored(orgId, searchId)).isTrue();

    provider.update(searchId, new FakeHit("W1", "x", List.of("sanction")), new FakeHit("W2", "y", List.of("pep")));
    assertThat(monitor.refresh(orgId, searchId)).isTrue();
    assertThat(monitor.refresh(orgId, searchId)).as("nothing new").isFalse();

    assertThat(changes()).singleElement().satisfies(e -> {
      assertThat(e.eventId()).startsWith("profile-screening-changed-" + profileId + "-");
      assertThat(TestDatabase.JSON.readTree(e.dataJson()).toString()).isEqualTo("{\"profileId\":\"" + profileId
          + "\",\"searchId\":\"" + searchId + "\",\"status\":\"POTENTIAL_MATCH\",\"hitCount\":2,"
          + "\"newHitIds\":[\"W2\"],\"removedHitIds\":[]}");
    });
    results.dispose(orgId, profileId, "W2", ScreeningResults.FALSE_POSITIVE, "mem_1");
    provider.update(searchId, new FakeHit("W1", "x", List.of("sanction")));
    assertThat(monitor.refresh(orgId, searchId)).as("W2 went, but it was decided on").isFalse();
    provider.update(searchId, new FakeHit("W1", "x", List.of("sanction")), new FakeHit("W2", "y", List.of("pep")));
    assertThat(monitor.refresh(orgId, searchId)).as("W2 is back, still decided on").isFalse();
    provider.update(searchId);
    assertThat(monitor.refresh(orgId, searchId)).as("W1 went").isTrue();
    assertThat(changes()).hasSize(2);
    assertThat(TestDatabase.JSON.readTree(changes().get(1).dataJson()).get("removedHitIds").toString()).isEqualTo("[\"W1\"]");
    assertThat(results.latest(orgId, profileId).orElseThrow().status()).isEqualTo("CLEAR");
  }

  @Test
  void aRetryAfterACrashBeforeTheWritePublishesTheSameEvent() {
    monitor.monitor(orgId, profileId, true);
    provider.update(searchId, new FakeHit("W1", "x", List.of("sanction")), new FakeHit("W3", "z", List.of("pep")));
    ScreeningResults crashing = new ScreeningResults(db.dsl, Clock.systemUTC()) {
      @Override
      public Result record(String o, String p, String s, ScreeningProvider.Search search) {
        throw new IllegalStateException("crash before the write");
      }
    };
    ScreeningMonitor beforeCrash = new ScreeningMonitor(db.dsl, integrations,
        new IntegrationFailures(integrations, published::add, TestDatabase.JSON), client, crashing, published::add,
        TestDatabase.JSON, Clock.systemUTC());
    assertThatThrownBy(() -> beforeCrash.refresh(orgId, searchId)).hasMessage("crash before the write");

    assertThat(monitor.refresh(orgId, searchId)).isTrue();

    assertThat(changes()).hasSize(2);
    assertThat(changes().get(0).eventId()).isEqualTo(changes().get(1).eventId());
  }

  @Test
  void anUnscreenedProfileCannotBeMonitoredAndAnUnmonitoredSearchIsLeftAlone() {
    String fresh = profiles.create(orgId, new ProfileStore.Fields("PERSON", "Fresh", null, null, null, null)).id();
    assertThatThrownBy(() -> monitor.monitor(orgId, fresh, true)).isInstanceOf(ConflictException.class);
    assertThat(monitor.refresh(orgId, searchId)).isFalse();
    assertThat(provider.received("GET", "/searches/" + searchId + "/details")).hasSize(1); // the screening's own read
  }

  @Test
  void thePollChecksStaleMonitoredSearchesAndARefusedKeyStopsOnlyItsOrganization() {
    monitor.monitor(orgId, profileId, true);
    db.dsl.update(PROFILE_SCREENINGS).set(PROFILE_SCREENINGS.MONITOR_CHECKED_AT, OffsetDateTime.now().minusHours(7))
        .where(PROFILE_SCREENINGS.PROFILE_ID.eq(profileId)).execute();
    provider.update(searchId, new FakeHit("W1", "x", List.of("sanction")), new FakeHit("W4", "q", List.of("pep")));
    ScreeningMonitorJob job = new ScreeningMonitorJob(monitor, integrations, new ScreeningPacer(Clock.systemUTC()));

    Map<String, Long> counts = job.run(Map.of(), Instant.now(), () -> {});

    assertThat(counts.get("changed")).isGreaterThanOrEqualTo(1L);
    assertThat(changes()).hasSize(1);
    assertThat(job.run(Map.of(), Instant.now(), () -> {}).get("checked")).as("checked just now").isZero();

    integrations.put(orgId, "revoked", 50, 0.6);
    db.dsl.update(PROFILE_SCREENINGS).set(PROFILE_SCREENINGS.MONITOR_CHECKED_AT, OffsetDateTime.now().minusHours(7))
        .where(PROFILE_SCREENINGS.PROFILE_ID.eq(profileId)).execute();
    assertThat(job.run(Map.of(), Instant.now(), () -> {}).get("failed")).isGreaterThanOrEqualTo(1L);
    assertThat(integrations.find(orgId).orElseThrow().status()).isEqualTo("FAILED");
  }

  @Test
  void theNightlyRescreenPublishesEachNewArticleOnce() {
    monitor.monitorAdverseMedia(orgId, profileId, true);
    String name = provider.searchFor(profileId).term();
    provider.hits(name, new FakeHit("W1", name, List.of("sanction")), new FakeHit("A1", "Article one", List.of("adverse-media")));
    db.dsl.update(io.workerplatform.db.Tables.ORGANIZATIONS).set(io.workerplatform.db.Tables.ORGANIZATIONS.TIME_ZONE, "UTC")
        .where(io.workerplatform.db.Tables.ORGANIZATIONS.ID.eq(orgId)).execute();
    List<ScreeningStore.Screening> started = new CopyOnWriteArrayList<>();
    AdverseMediaJob job = new AdverseMediaJob(db.dsl, integrations, screenings, started::add);
    Instant night = Instant.parse("2031-03-04T03:30:00Z");

    job.run(Map.of(), night, () -> {});
    job.run(Map.of(), night.plusSeconds(600), () -> {});

    assertThat(started).as("once a night").singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo("ADVERSE_MEDIA");
      assertThat(s.types()).containsExactly("adverse-media");
      assertThat(s.total()).isEqualTo(1);
    });
    assertThat(db.dsl.fetchCount(SCREENINGS, SCREENINGS.ORG_ID.eq(orgId))).isEqualTo(1);
    AdverseMediaArticles articles = new AdverseMediaArticles(results, published::add, TestDatabase.JSON);
    var search = client.search("key-1", new ScreeningProvider.SearchRequest(name, profileId, 0.6, List.of("adverse-media"), null));
    assertThat(articles.publishNew(orgId, profileId, started.get(0).id(), search)).isEqualTo(1);
    results.record(orgId, profileId, started.get(0).id(), search);
    assertThat(articles.publishNew(orgId, profileId, started.get(0).id(), search)).as("known now").isZero();
    assertThat(published).filteredOn(e -> e.type().equals(AdverseMediaArticles.FOUND)).singleElement()
        .satisfies(e -> assertThat(e.eventId()).isEqualTo("profile-adverse-media-found-" + profileId + "-A1"));
  }
}
