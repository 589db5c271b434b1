package io.workerplatform.screening;

import static io.workerplatform.db.Tables.PROFILE_SCREENINGS;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.Hashes;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.screening.ScreeningIntegrationStore.Credentials;
import io.workerplatform.screening.ScreeningProvider.Hit;
import io.workerplatform.screening.ScreeningProvider.Search;
import io.workerplatform.screening.ScreeningResults.HitView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ongoing monitoring (the old {@code background-check-monitor}): a screened profile's search is
 * monitored at the provider, and a change it reports (by callback, or found by the hourly poll)
 * updates the profile's hits and status and publishes {@code profile.screening.changed} when a
 * hit that no one has decided on appeared or went away. A hit already marked (false positive or
 * true match) never alerts again.
 */
public class ScreeningMonitor {
  public static final String CHANGED = "profile.screening.changed";

  /** A profile's monitored search, for the poll. */
  public record Monitored(String orgId, String profileId, String searchId) {}

  private final DSLContext dsl;
  private final ScreeningIntegrationStore integrations;
  private final IntegrationFailures failures;
  private final ScreeningProvider provider;
  private final ScreeningResults results;
  private final PlatformEvents events;
  private final JsonMapper json;
  private final Clock clock;

  public ScreeningMonitor(
      DSLContext dsl, ScreeningIntegrationStore integrations, IntegrationFailures failures, ScreeningProvider provider,
      ScreeningResults results, PlatformEvents events, JsonMapper json, Clock clock) {
    this.dsl = dsl;
    this.integrations = integrations;
    this.failures = failures;
    this.provider = provider;
    this.results = results;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Switches the provider's monitoring of the profile's search on or off, then records it; a
   * provider that fails leaves the flag as it was.
   *
   * @throws ConflictException when the profile has no successful screening or the organization no active integration
   * @throws ScreeningException when the provider fails (a refused key also marks the integration)
   */
  public void monitor(String orgId, String profileId, boolean on) {
    String searchId = searchOf(orgId, profileId);
    Credentials credentials = credentials(orgId);
    call(orgId, credentials, () -> {
      provider.monitor(credentials.apiKey(), searchId, on);
      return null;
    });
    dsl.update(PROFILE_SCREENINGS)
        .set(PROFILE_SCREENINGS.MONITORED, on)
        .set(PROFILE_SCREENINGS.MONITOR_CHECKED_AT, now())
        .where(PROFILE_SCREENINGS.PROFILE_ID.eq(profileId)).and(PROFILE_SCREENINGS.ORG_ID.eq(orgId))
        .execute();
  }

  /**
   * Switches adverse-media monitoring (a rescreen for adverse media every night) on or off.
   *
   * @throws ConflictException when the profile has no successful screening
   */
  public void monitorAdverseMedia(String orgId, String profileId, boolean on) {
    searchOf(orgId, profileId);
    dsl.update(PROFILE_SCREENINGS)
        .set(PROFILE_SCREENINGS.ADVERSE_MEDIA_MONITORED, on)
        .where(PROFILE_SCREENINGS.PROFILE_ID.eq(profileId)).and(PROFILE_SCREENINGS.ORG_ID.eq(orgId))
        .execute();
  }

  /** Whether the profile is monitored, and for adverse media. */
  public record Flags(boolean monitored, boolean adverseMedia) {}

  public Optional<Flags> flags(String orgId, String profileId) {
    return dsl.select(PROFILE_SCREENINGS.MONITORED, PROFILE_SCREENINGS.ADVERSE_MEDIA_MONITORED)
        .from(PROFILE_SCREENINGS)
        .where(PROFILE_SCREENINGS.PROFILE_ID.eq(profileId)).and(PROFILE_SCREENINGS.ORG_ID.eq(orgId))
        .fetchOptional(r -> new Flags(r.value1(), r.value2()));
  }

  /** Whether the organization has a monitored search of that id (a callback about anything else is ignored). */
  public boolean isMonitored(String orgId, String searchId) {
    return dsl.fetchExists(PROFILE_SCREENINGS, PROFILE_SCREENINGS.ORG_ID.eq(orgId)
        .and(PROFILE_SCREENINGS.SEARCH_ID.eq(searchId)).and(PROFILE_SCREENINGS.MONITORED));
  }

  /** Monitored searches not checked for {@code staleAfter}, longest unchecked first. */
  public List<Monitored> due(Duration staleAfter, int limit) {
    return dsl.select(PROFILE_SCREENINGS.ORG_ID, PROFILE_SCREENINGS.PROFILE_ID, PROFILE_SCREENINGS.SEARCH_ID)
        .from(PROFILE_SCREENINGS)
        .where(PROFILE_SCREENINGS.MONITORED)
        .and(PROFILE_SCREENINGS.MONITOR_CHECKED_AT.lt(now().minus(staleAfter)))
        .orderBy(PROFILE_SCREENINGS.MONITOR_CHECKED_AT, PROFILE_SCREENINGS.PROFILE_ID)
        .limit(limit)
        .fetch(r -> new Monitored(r.value1(), r.value2(), r.value3()));
  }

  /**
   * Reads the monitored search as the provider has it now and updates the profile; true when it
   * alerted. A search no longer monitored is left alone. Idempotent: the event's id is derived
   * from the change and the result it changes, so a retry after a crash between the event and
   * the write publishes nothing twice.
   */
  public boolean refresh(String orgId, String searchId) {
    var row = dsl.select(PROFILE_SCREENINGS.PROFILE_ID, PROFILE_SCREENINGS.UPDATED_AT)
        .from(PROFILE_SCREENINGS)
        .where(PROFILE_SCREENINGS.ORG_ID.eq(orgId)).and(PROFILE_SCREENINGS.SEARCH_ID.eq(searchId))
        .and(PROFILE_SCREENINGS.MONITORED)
        .fetchOptional();
    if (row.isEmpty()) {
      return false;
    }
    String profileId = row.get().value1();
    Credentials credentials = credentials(orgId);
    Search now = call(orgId, credentials, () -> provider.details(credentials.apiKey(), searchId));
    Map<String, HitView> known = results.hits(orgId, profileId).stream()
        .collect(Collectors.toMap(HitView::id, Function.identity()));
    List<String> found = now.hits().stream().map(Hit::id).toList();
    List<String> appeared = found.stream()
        .filter(id -> !known.containsKey(id) || (known.get(id).removedAt() != null && known.get(id).disposition() == null))
        .sorted().toList();
    List<String> gone = known.values().stream()
        .filter(h -> h.removedAt() == null && h.disposition() == null && !found.contains(h.id()))
        .map(HitView::id).sorted().toList();
    boolean alerts = !appeared.isEmpty() || !gone.isEmpty();
    if (alerts) {
      long open = now.hits().stream()
          .filter(h -> !known.containsKey(h.id()) || !ScreeningResults.FALSE_POSITIVE.equals(known.get(h.id()).disposition()))
          .count();
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("profileId", profileId);
      data.put("searchId", searchId);
      data.put("status", open == 0 ? ScreeningStore.CLEAR : ScreeningStore.POTENTIAL_MATCH);
      data.put("hitCount", open);
      data.put("newHitIds", appeared);
      data.put("removedHitIds", gone);
      String change = row.get().value2().toInstant().toEpochMilli() + "|" + appeared + "|" + gone;
      String eventId = "profile-screening-changed-" + profileId + "-"
          + HexFormat.of().formatHex(Hashes.sha256(change.getBytes(StandardCharsets.UTF_8)), 0, 8);
      events.publish(new NewEvent(orgId, eventId, CHANGED, json.writeValueAsString(data), profileId, null, null, null));
    }
    results.record(orgId, profileId, null, now);
    dsl.update(PROFILE_SCREENINGS).set(PROFILE_SCREENINGS.MONITOR_CHECKED_AT, now())
        .where(PROFILE_SCREENINGS.PROFILE_ID.eq(profileId)).execute();
    return alerts;
  }

  private String searchOf(String orgId, String profileId) {
    return dsl.select(PROFILE_SCREENINGS.SEARCH_ID)
        .from(PROFILE_SCREENINGS)
        .where(PROFILE_SCREENINGS.PROFILE_ID.eq(profileId)).and(PROFILE_SCREENINGS.ORG_ID.eq(orgId))
        .and(PROFILE_SCREENINGS.SEARCH_ID.isNotNull())
        .fetchOptional(PROFILE_SCREENINGS.SEARCH_ID)
        .orElseThrow(() -> new ConflictException("profileId", "profile " + profileId + " has no screening with a search to monitor"));
  }

  private Credentials credentials(String orgId) {
    return integrations.credentials(orgId)
        .filter(c -> ScreeningIntegrationStore.ACTIVE.equals(c.status()))
        .orElseThrow(() -> new ConflictException("integration", "the organization has no active screening integration"));
  }

  /** A provider call whose refused key marks the organization's integration. */
  private <T> T call(String orgId, Credentials credentials, Supplier<T> call) {
    try {
      return call.get();
    } catch (ScreeningException e) {
      if (e.kind() == ScreeningException.Kind.UNAUTHORIZED) {
        failures.keyRefused(orgId, credentials.version(), e.getMessage());
      }
      throw e;
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
