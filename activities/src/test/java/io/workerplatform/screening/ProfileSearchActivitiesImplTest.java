package io.workerplatform.screening;

import static io.workerplatform.db.Tables.SCREENING_HITS;
import static io.workerplatform.db.Tables.SCREENING_INTEGRATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.profiles.ProfileStore;
import io.workerplatform.screening.FakeComplyAdvantage.FakeHit;
import io.workerplatform.screening.ProfileSearchActivities.BatchRequest;
import io.workerplatform.screening.ProfileSearchActivities.FinishRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A screening's activities against PostgreSQL and the local ComplyAdvantage. */
class ProfileSearchActivitiesImplTest {
  static TestDatabase db;
  static final FakeComplyAdvantage provider = new FakeComplyAdvantage("key-1");
  static ProfileStore profiles;
  static ScreeningStore screenings;
  static ScreeningResults results;
  static ScreeningIntegrationStore integrations;
  final List<NewEvent> published = new CopyOnWriteArrayList<>();
  TestActivityEnvironment env;
  ProfileSearchActivities activities;
  String orgId;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("profile_search");
    profiles = new ProfileStore(db.dsl, Clock.systemUTC());
    screenings = new ScreeningStore(db.dsl, Clock.systemUTC());
    results = new ScreeningResults(db.dsl, Clock.systemUTC());
    integrations = new ScreeningIntegrationStore(db.dsl, TestDatabase.SECRETS, Clock.systemUTC());
    provider.hits("Ivan Petrov", new FakeHit("H1", "Ivan Petrov", List.of("sanction")),
        new FakeHit("H2", "I. Petrov", List.of("pep", "adverse-media")));
  }

  @AfterAll
  static void close() throws Exception {
    provider.close();
    db.close();
  }

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    db.organizations().create(orgId, "Org");
    integrations.put(orgId, "key-1", 20, 0.6);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new ProfileSearchActivitiesImpl(
        screenings, results, integrations, new IntegrationFailures(integrations, published::add, TestDatabase.JSON),
        profiles, new ComplyAdvantageClient(URI.create(provider.baseUrl()), Duration.ofSeconds(5), TestDatabase.JSON),
        new ScreeningPacer(Clock.systemUTC()), new AdverseMediaArticles(results, published::add, TestDatabase.JSON),
        new ProfileSearchActivitiesImpl.Settings(10, 1000, Duration.ofMillis(50))));
    activities = env.newActivityStub(ProfileSearchActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  private String person(String name) {
    return profiles.create(orgId, new ProfileStore.Fields("PERSON", name, "DE", LocalDate.of(1970, 5, 1), null, null)).id();
  }

  @Test
  void eachProfileIsScreenedOnceWithItsResultAndHitsStored() {
    String ivan = person("Ivan Petrov");
    String ana = person("Ana Clean");
    String screeningId = screenings.create(orgId, List.of("sanction", "pep", "adverse-media"), null).id();

    assertThat(activities.prepare(screeningId).total()).isEqualTo(2);
    assertThat(activities.screenBatch(new BatchRequest(screeningId, 10))).isEqualTo(new SearchCounters(2, 1, 0));
    assertThat(activities.screenBatch(new BatchRequest(screeningId, 10))).as("nothing left").isEqualTo(SearchCounters.ZERO);
    assertThat(activities.finish(new FinishRequest(screeningId, "COMPLETED", null))).isEqualTo(new SearchCounters(2, 1, 0));

    assertThat(provider.received("POST", "/searches").stream()
        .filter(r -> r.bodyText().contains(ivan) || r.bodyText().contains(ana))).hasSize(2);
    assertThat(provider.searchFor(ivan).birthYear()).isEqualTo(1970);
    var result = results.latest(orgId, ivan).orElseThrow();
    assertThat(result.status()).isEqualTo("POTENTIAL_MATCH");
    assertThat(result.hitCount()).isEqualTo(2);
    assertThat(result.matchTypes()).containsExactly("adverse-media", "pep", "sanction");
    assertThat(results.latest(orgId, ana).orElseThrow().status()).isEqualTo("CLEAR");
    assertThat(results.hits(orgId, ivan)).extracting(ScreeningResults.HitView::id).containsExactly("H1", "H2");
    var stored = screenings.find(orgId, screeningId).orElseThrow();
    assertThat(List.of(stored.status(), stored.screened(), stored.withHits(), stored.failed()))
        .containsExactly("COMPLETED", 2, 1, 0);
  }

  @Test
  void aRescreenKeepsHitsByTheProvidersIdsWithTheirDispositions() {
    String ivan = person("Ivan Petrov");
    String first = screenings.create(orgId, List.of("sanction", "pep"), List.of(ivan)).id();
    activities.screenBatch(new BatchRequest(first, 10));
    results.dispose(orgId, ivan, "H1", ScreeningResults.FALSE_POSITIVE, "mem_1");
    results.dispose(orgId, ivan, "H2", ScreeningResults.FALSE_POSITIVE, "mem_1");
    assertThat(results.latest(orgId, ivan).orElseThrow().status()).as("every hit a false positive").isEqualTo("CLEAR");

    String second = screenings.create(orgId, List.of("sanction", "pep"), List.of(ivan)).id();
    assertThat(activities.screenBatch(new BatchRequest(second, 10))).isEqualTo(new SearchCounters(1, 0, 0));

    assertThat(db.dsl.fetchCount(SCREENING_HITS, SCREENING_HITS.PROFILE_ID.eq(ivan))).isEqualTo(2);
    assertThat(results.hits(orgId, ivan)).extracting(ScreeningResults.HitView::disposition)
        .containsExactly("FALSE_POSITIVE", "FALSE_POSITIVE");
    assertThat(results.latest(orgId, ivan).orElseThrow().status()).isEqualTo("CLEAR");
  }

  @Test
  void aRateLimitWaitsTheProvidersTimeAndScreensTheSameProfileAgain() {
    String ana = person("Ana Waiting");
    String screeningId = screenings.create(orgId, List.of("sanction"), null).id();
    provider.rateLimitNext(1, 1);
    long before = System.nanoTime();

    assertThat(activities.screenBatch(new BatchRequest(screeningId, 10))).isEqualTo(new SearchCounters(1, 0, 0));

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(results.latest(orgId, ana).orElseThrow().status()).isEqualTo("CLEAR");
  }

  @Test
  void aProviderFailingOnAProfileMarksItFailedAndTheScreeningGoesOn() {
    // a batch screens its profiles in id order: the first one gets the failures
    List<String> inOrder = java.util.stream.Stream.of(person("Ana First"), person("Ben Second")).sorted().toList();
    String screeningId = screenings.create(orgId, List.of("sanction"), null).id();
    provider.failNext(503, ProfileSearchActivitiesImpl.TRIES); // every try of the first profile

    assertThat(activities.screenBatch(new BatchRequest(screeningId, 10))).isEqualTo(new SearchCounters(2, 0, 1));

    assertThat(results.latest(orgId, inOrder.get(0)).orElseThrow().status()).isEqualTo("FAILED");
    assertThat(results.latest(orgId, inOrder.get(1)).orElseThrow().status()).isEqualTo("CLEAR");
  }

  @Test
  void aRefusedKeyFailsTheBatchForGoodMarksTheIntegrationAndTellsTheAdminsOnce() {
    person("Ana Refused");
    String screeningId = screenings.create(orgId, List.of("sanction"), null).id();
    integrations.put(orgId, "revoked-key", 20, 0.6);

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> activities.screenBatch(new BatchRequest(screeningId, 10)))
          .isInstanceOfSatisfying(ActivityFailure.class, f -> {
            assertThat(f.getCause()).isInstanceOf(ApplicationFailure.class);
            assertThat(((ApplicationFailure) f.getCause()).getType()).isEqualTo(ProfileSearchActivities.UNAUTHORIZED);
            assertThat(((ApplicationFailure) f.getCause()).isNonRetryable()).isTrue();
          });
    }

    var integration = integrations.find(orgId).orElseThrow();
    assertThat(integration.status()).isEqualTo("FAILED");
    assertThat(integration.failureReason()).isEqualTo("ComplyAdvantage search: HTTP 401");
    assertThat(published).singleElement().satisfies(e -> {
      assertThat(e.eventId()).isEqualTo("screening-integration-failed-2");
      assertThat(e.type()).isEqualTo("screening.integration.failed");
    });
    assertThat(screenings.counts(screeningId)).isEqualTo(new ScreeningStore.Counts(0, 0, 0));
    // the key is sealed in the database, readable only through the store
    assertThat(db.dsl.fetchSingle(SCREENING_INTEGRATIONS, SCREENING_INTEGRATIONS.ORG_ID.eq(orgId)).getApiKeySealed())
        .startsWith("enc:v1:").doesNotContain("revoked-key");
  }

  @Test
  void callsArePacedToTheOrganizationsRate() {
    integrations.put(orgId, "key-1", 5, 0.6);
    for (int i = 0; i < 6; i++) {
      person("Paced " + i);
    }
    String screeningId = screenings.create(orgId, List.of("sanction"), null).id();
    long before = System.nanoTime();

    assertThat(activities.screenBatch(new BatchRequest(screeningId, 10)).screened()).isEqualTo(6);

    // six calls at 5 a second: the sixth starts a second after the first, at the earliest
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
  }
}
