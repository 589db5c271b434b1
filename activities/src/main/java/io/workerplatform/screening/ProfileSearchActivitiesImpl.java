package io.workerplatform.screening;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.profiles.ProfileStore;
import io.workerplatform.profiles.ProfileStore.Profile;
import io.workerplatform.screening.ScreeningIntegrationStore.Credentials;
import io.workerplatform.screening.ScreeningProvider.SearchRequest;
import io.workerplatform.screening.ScreeningStore.Screening;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screens a screening's profiles: each pending profile once, paced to its organization's rate.
 * A 429 waits as long as the provider asked and tries the same profile again; a 5xx or a timeout
 * is tried {@code TRIES} times, then the profile's result is {@code FAILED} (the screening goes
 * on); a refused key fails the batch for good and marks the integration ({@link
 * IntegrationFailures}). The nightly adverse-media rescreen publishes each new article ({@link
 * AdverseMediaArticles}). Only ids reach the history and the log: names are read here, from the
 * profile, and sent to the provider alone.
 */
public class ProfileSearchActivitiesImpl implements ProfileSearchActivities {
  private static final Logger log = LoggerFactory.getLogger(ProfileSearchActivitiesImpl.class);
  static final int TRIES = 3;

  /** @param batchSize profiles per batch; @param continueAsNewAfterEvents the workflow's history bound */
  public record Settings(int batchSize, int continueAsNewAfterEvents, Duration transientBackoff) {}

  private final ScreeningStore screenings;
  private final ScreeningResults results;
  private final ScreeningIntegrationStore integrations;
  private final IntegrationFailures failures;
  private final ProfileStore profiles;
  private final ScreeningProvider provider;
  private final ScreeningPacer pacer;
  private final AdverseMediaArticles articles;
  private final Settings settings;

  public ProfileSearchActivitiesImpl(
      ScreeningStore screenings, ScreeningResults results, ScreeningIntegrationStore integrations,
      IntegrationFailures failures, ProfileStore profiles, ScreeningProvider provider, ScreeningPacer pacer,
      AdverseMediaArticles articles, Settings settings) {
    this.screenings = screenings;
    this.results = results;
    this.integrations = integrations;
    this.failures = failures;
    this.profiles = profiles;
    this.provider = provider;
    this.pacer = pacer;
    this.articles = articles;
    this.settings = settings;
  }

  @Override
  public SearchPlan prepare(String screeningId) {
    Screening screening = screening(screeningId);
    screenings.markRunning(screeningId);
    return new SearchPlan(screening.total(), settings.batchSize(), settings.continueAsNewAfterEvents());
  }

  @Override
  public SearchCounters screenBatch(BatchRequest request) {
    Screening screening = screening(request.screeningId());
    Credentials credentials = integrations.credentials(screening.orgId())
        .filter(c -> ScreeningIntegrationStore.ACTIVE.equals(c.status()))
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
            "organization " + screening.orgId() + " has no active screening integration", UNAUTHORIZED));
    ActivityExecutionContext context = Activity.getExecutionContext();
    Runnable heartbeat = () -> context.heartbeat(null); // a cancel surfaces here, between profiles
    int screened = 0;
    int withHits = 0;
    int failed = 0;
    for (String profileId : screenings.pending(screening.id(), request.batchSize())) {
      heartbeat.run();
      String status = screen(screening, credentials, profileId, heartbeat);
      screened++;
      withHits += ScreeningStore.POTENTIAL_MATCH.equals(status) ? 1 : 0;
      failed += ScreeningStore.FAILED.equals(status) ? 1 : 0;
    }
    return new SearchCounters(screened, withHits, failed);
  }

  /** Screens one profile and writes its result; returns the result's status. */
  private String screen(Screening screening, Credentials credentials, String profileId, Runnable heartbeat) {
    String orgId = screening.orgId();
    Optional<Profile> profile = profiles.find(orgId, profileId);
    if (profile.isEmpty()) { // deleted since the screening was created
      results.recordFailure(orgId, profileId, screening.id());
      return ScreeningStore.FAILED;
    }
    Profile p = profile.get();
    SearchRequest search = new SearchRequest(p.name(), p.id(), credentials.fuzziness(), screening.types(),
        p.dateOfBirth() == null ? null : p.dateOfBirth().getYear());
    int tries = 0;
    try {
      while (true) {
        pacer.acquire(orgId, credentials.ratePerSecond(), heartbeat);
        try {
          ScreeningProvider.Search found = provider.search(credentials.apiKey(), search);
          if (ScreeningStore.ADVERSE_MEDIA.equals(screening.kind())) {
            articles.publishNew(orgId, profileId, screening.id(), found);
          }
          return results.record(orgId, profileId, screening.id(), found).status();
        } catch (ScreeningException e) {
          switch (e.kind()) {
            case RATE_LIMITED -> pacer.backOff(orgId, e.retryAfter());
            case UNAUTHORIZED -> {
              failures.keyRefused(orgId, credentials.version(), e.getMessage());
              throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), UNAUTHORIZED);
            }
            case TRANSIENT -> {
              if (++tries >= TRIES) {
                return failedProfile(screening, profileId, e);
              }
              pacer.sleep(settings.transientBackoff().multipliedBy(1L << (tries - 1)), heartbeat);
            }
            case PERMANENT -> {
              return failedProfile(screening, profileId, e);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }

  private String failedProfile(Screening screening, String profileId, ScreeningException e) {
    log.info("Screening {}: profile {} FAILED ({})", screening.id(), profileId, e.getMessage());
    results.recordFailure(screening.orgId(), profileId, screening.id());
    return ScreeningStore.FAILED;
  }

  @Override
  public SearchCounters finish(FinishRequest request) {
    screening(request.screeningId());
    ScreeningStore.Counts counts = screenings.finish(request.screeningId(), request.status(), request.reason());
    return new SearchCounters(counts.screened(), counts.withHits(), counts.failed());
  }

  private Screening screening(String id) {
    return screenings.byId(id).orElseThrow(() ->
        ApplicationFailure.newNonRetryableFailure("screening " + id + " does not exist", InvalidInput.TYPE, "screeningId"));
  }

}
