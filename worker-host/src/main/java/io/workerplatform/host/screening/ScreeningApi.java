package io.workerplatform.host.screening;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.StartAfterCommit;
import io.workerplatform.host.api.Validation;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.host.screening.ScreeningRequests.ScreeningView;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.profiles.ProfileStore;
import io.workerplatform.screening.ProfileSearchWorkflow;
import io.workerplatform.screening.ScreeningIntegrationStore;
import io.workerplatform.screening.ScreeningProvider;
import io.workerplatform.screening.ScreeningStore;
import io.workerplatform.screening.ScreeningStore.Screening;
import io.workerplatform.screening.ScreeningWork;
import io.workerplatform.host.work.WorkQueries;
import io.workerplatform.starters.Screenings;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Screenings (the old {@code background-check-profile-search}): a search of the organization's
 * profiles with its screening provider, steered like a bulk send.
 */
@RestController
class ScreeningApi {
  /** More profiles than this: {@code "allProfiles": true}. */
  static final int MAX_PROFILE_IDS = 10_000;

  record CreateScreening(List<String> profileIds, Boolean allProfiles, List<String> types) {}

  /** {@code start}: {@code STARTED}, or {@code WAITING_TO_START} when the relay will start it. */
  record ScreeningCreated(String id, String status, int total, String workflowId, String start) {}

  private final ScreeningStore store;
  private final ScreeningIntegrationStore integrations;
  private final ProfileStore profiles;
  private final OrganizationStore organizations;
  private final Screenings screenings;
  private final ScreeningRequests requests;
  private final OutboxSource outbox;
  private final WorkQueries work;

  ScreeningApi(
      ScreeningStore store, ScreeningIntegrationStore integrations, ProfileStore profiles,
      OrganizationStore organizations, Screenings screenings, ScreeningRequests requests,
      @Qualifier("screeningOutbox") OutboxSource outbox, WorkQueries work) {
    this.store = store;
    this.integrations = integrations;
    this.profiles = profiles;
    this.organizations = organizations;
    this.screenings = screenings;
    this.requests = requests;
    this.outbox = outbox;
    this.work = work;
  }

  @PostMapping("/api/orgs/{orgId}/screenings")
  ResponseEntity<ScreeningCreated> create(@PathVariable String orgId, @RequestBody CreateScreening request) {
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
    boolean all = Boolean.TRUE.equals(request.allProfiles());
    List<String> ids = request.profileIds();
    if (all == (ids != null)) {
      throw new BadRequestException("profileIds", "give either profileIds or \"allProfiles\": true");
    }
    if (!all) {
      Validation.requireList("profileIds", ids, "profile", MAX_PROFILE_IDS);
      for (int i = 0; i < ids.size(); i++) {
        Validation.requireId("profileIds[" + i + "]", ids.get(i));
      }
      List<String> unknown = profiles.notLive(orgId, ids);
      if (!unknown.isEmpty()) {
        throw new BadRequestException("profileIds[" + ids.indexOf(unknown.get(0)) + "]",
            "profile " + unknown.get(0) + " does not exist in organization " + orgId);
      }
    }
    List<String> types = types(request.types());
    integrations.find(orgId)
        .filter(i -> ScreeningIntegrationStore.ACTIVE.equals(i.status()))
        .orElseThrow(() -> new ConflictException("integration",
            "the organization has no active screening integration (PUT /api/orgs/" + orgId + "/integrations/screening)"));
    Screening screening = store.create(orgId, types, all ? null : List.copyOf(new LinkedHashSet<>(ids)));
    String start = StartAfterCommit.start("Screening", screening.id(),
        () -> screenings.start(orgId, screening.id()), () -> outbox.markStarted(screening.id()));
    return ResponseEntity.accepted().body(new ScreeningCreated(screening.id(), screening.status(), screening.total(),
        ProfileSearchWorkflow.workflowId(screening.id()), start));
  }

  /** {@code types}: a non-empty subset of the provider's match types; absent: all of them. */
  private static List<String> types(List<String> requested) {
    if (requested == null) {
      return ScreeningProvider.TYPES;
    }
    Validation.requireList("types", requested, "type", ScreeningProvider.TYPES.size());
    for (int i = 0; i < requested.size(); i++) {
      if (!ScreeningProvider.TYPES.contains(requested.get(i))) {
        throw new BadRequestException("types[" + i + "]", "must be one of " + String.join(", ", ScreeningProvider.TYPES));
      }
    }
    return List.copyOf(new LinkedHashSet<>(requested));
  }

  /** Live counters from the running workflow; the stored ones once it ended or if Temporal is down. */
  @GetMapping("/api/orgs/{orgId}/screenings/{id}")
  ScreeningView get(@PathVariable String orgId, @PathVariable String id) {
    return requests.view(orgId, id);
  }

  /** The organization's screenings as stored: {@code ?status=&since=&until=&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/screenings")
  Page<ScreeningWork.Screening> list(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.list(ScreeningWork.KIND, orgId, status, since, until, limit, cursor);
  }

  @PostMapping("/api/orgs/{orgId}/screenings/{id}/pause")
  ResponseEntity<Void> pause(@PathVariable String orgId, @PathVariable String id) {
    requests.pause(orgId, id);
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/api/orgs/{orgId}/screenings/{id}/resume")
  ResponseEntity<Void> resume(@PathVariable String orgId, @PathVariable String id) {
    requests.resume(orgId, id);
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/api/orgs/{orgId}/screenings/{id}/cancel")
  ResponseEntity<Void> cancel(@PathVariable String orgId, @PathVariable String id) {
    requests.cancel(orgId, id);
    return ResponseEntity.accepted().build();
  }
}
