package io.workerplatform.screening;

import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.screening.ScreeningProvider.Hit;
import io.workerplatform.screening.ScreeningProvider.Search;
import io.workerplatform.screening.ScreeningResults.HitView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The nightly adverse-media rescreen's news: each adverse-media hit (an article) the profile did
 * not have publishes {@code profile.adverse-media.found} once (event id {@code
 * profile-adverse-media-found-<profile>-<hit>}), before the hits are written, so a retry after a
 * crash in between publishes it still and never twice.
 */
public final class AdverseMediaArticles {
  public static final String FOUND = "profile.adverse-media.found";
  static final String TYPE = "adverse-media";

  private final ScreeningResults results;
  private final PlatformEvents events;
  private final JsonMapper json;

  public AdverseMediaArticles(ScreeningResults results, PlatformEvents events, JsonMapper json) {
    this.results = results;
    this.events = events;
    this.json = json;
  }

  /** Publishes the articles of {@code search} that the profile's hits do not hold yet; returns how many. */
  public int publishNew(String orgId, String profileId, String screeningId, Search search) {
    Set<String> known = results.hits(orgId, profileId).stream().map(HitView::id).collect(Collectors.toSet());
    int published = 0;
    for (Hit hit : search.hits()) {
      if (known.contains(hit.id()) || !hit.matchTypes().contains(TYPE)) {
        continue;
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("profileId", profileId);
      data.put("hitId", hit.id());
      data.put("searchId", search.id());
      data.put("screeningId", screeningId);
      events.publish(new NewEvent(orgId, "profile-adverse-media-found-" + profileId + "-" + hit.id(), FOUND,
          json.writeValueAsString(data), profileId, null, null, null));
      published++;
    }
    return published;
  }
}
