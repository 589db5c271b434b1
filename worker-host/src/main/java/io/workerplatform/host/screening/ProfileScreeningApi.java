package io.workerplatform.host.screening;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.members.MemberStore;
import io.workerplatform.profiles.ProfileStore;
import io.workerplatform.screening.ScreeningResults;
import io.workerplatform.screening.ScreeningResults.HitView;
import io.workerplatform.screening.ScreeningResults.Result;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A profile's latest screening result with its hits, and a compliance member's decision on a hit. */
@RestController
class ProfileScreeningApi {
  /** The roles whose members may decide on a hit. */
  static final Set<String> DECIDING_ROLES = Set.of("COMPLIANCE", "ADMIN");

  /** {@code status} null: never screened. */
  record ProfileScreening(
      String profileId, String status, int hitCount, List<String> matchTypes, Instant screenedAt, String screeningId,
      List<HitView> hits) {}

  record Disposition(String disposition, String memberId) {}

  private final ScreeningResults results;
  private final ProfileStore profiles;
  private final MemberStore members;

  ProfileScreeningApi(ScreeningResults results, ProfileStore profiles, MemberStore members) {
    this.results = results;
    this.profiles = profiles;
    this.members = members;
  }

  @GetMapping("/api/orgs/{orgId}/profiles/{id}/screening")
  ProfileScreening get(@PathVariable String orgId, @PathVariable String id) {
    profiles.find(orgId, id).orElseThrow(() -> new NotFoundException("profile", id));
    List<HitView> hits = results.hits(orgId, id);
    return results.latest(orgId, id)
        .map(r -> view(r, hits))
        .orElse(new ProfileScreening(id, null, 0, List.of(), null, null, hits));
  }

  /**
   * Marks a hit {@code FALSE_POSITIVE} or {@code TRUE_MATCH} in the name of {@code memberId} (a
   * member with role COMPLIANCE or ADMIN), audited; the profile's status follows.
   */
  @PatchMapping("/api/orgs/{orgId}/profiles/{id}/hits/{hitId}")
  HitView dispose(
      @PathVariable String orgId, @PathVariable String id, @PathVariable String hitId, @RequestBody Disposition request) {
    profiles.find(orgId, id).orElseThrow(() -> new NotFoundException("profile", id));
    String disposition = Validation.requireText("disposition", request.disposition(), 20);
    if (!ScreeningResults.DISPOSITIONS.contains(disposition)) {
      throw new BadRequestException("disposition", "must be one of " + String.join(", ", ScreeningResults.DISPOSITIONS));
    }
    String memberId = Validation.requireId("memberId", request.memberId());
    boolean decides = members.roles(orgId, Set.of(memberId)).stream().anyMatch(m -> DECIDING_ROLES.contains(m.role()));
    if (!decides) {
      throw new BadRequestException("memberId", "must be a member of the organization with role COMPLIANCE or ADMIN");
    }
    return results.dispose(orgId, id, hitId, disposition, memberId).orElseThrow(() -> new NotFoundException("hit", hitId));
  }

  private static ProfileScreening view(Result r, List<HitView> hits) {
    return new ProfileScreening(r.profileId(), r.status(), r.hitCount(), r.matchTypes(), r.screenedAt(), r.screeningId(),
        hits);
  }
}
