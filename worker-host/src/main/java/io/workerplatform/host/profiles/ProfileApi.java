package io.workerplatform.host.profiles;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.profiles.ProfileFields;
import io.workerplatform.profiles.ProfileStore;
import io.workerplatform.profiles.ProfileStore.Fields;
import io.workerplatform.profiles.ProfileStore.Profile;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's KYC profiles: created, listed, read, changed and deleted with the
 * organization's key. A change names only the fields it changes; {@code null} clears an optional
 * one.
 */
@RestController
class ProfileApi {
  /** A profile's fields in a request; for a change, absent fields stay as they are. */
  record ProfileRequest(
      String type, String name, String country, String dateOfBirth, String registrationNumber, String externalId) {}

  private static final int MAX_REFERENCE = ProfileFields.MAX_REFERENCE;
  private static final Set<String> FIELDS =
      Set.of("type", "name", "country", "dateOfBirth", "registrationNumber", "externalId");

  private final ProfileStore profiles;
  private final OrganizationStore organizations;

  ProfileApi(ProfileStore profiles, OrganizationStore organizations) {
    this.profiles = profiles;
    this.organizations = organizations;
  }

  @PostMapping("/api/orgs/{orgId}/profiles")
  ResponseEntity<Profile> create(@PathVariable String orgId, @RequestBody ProfileRequest request) {
    Profile profile = profiles.create(orgId, fields(request));
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/profiles/" + profile.id())).body(profile);
  }

  /** {@code ?type=PERSON|COMPANY}, newest first. */
  @GetMapping("/api/orgs/{orgId}/profiles")
  Page<Profile> list(
      @PathVariable String orgId, @RequestParam(required = false) String type,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    if (type != null && !ProfileStore.TYPES.contains(type)) {
      throw new BadRequestException("type", "must be one of " + String.join(", ", ProfileStore.TYPES));
    }
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
    return profiles.list(orgId, type, Paging.limit(limit), Paging.after(cursor));
  }

  @GetMapping("/api/orgs/{orgId}/profiles/{id}")
  Profile get(@PathVariable String orgId, @PathVariable String id) {
    return profiles.find(orgId, id).orElseThrow(() -> new NotFoundException("profile", id));
  }

  /** Changes the fields the body names (JSON merge patch: a field set to null is cleared). */
  @PatchMapping("/api/orgs/{orgId}/profiles/{id}")
  Profile change(@PathVariable String orgId, @PathVariable String id, @RequestBody Map<String, Object> body) {
    Profile now = get(orgId, id);
    for (String field : body.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new BadRequestException(Validation.maxLength("field", field, MAX_REFERENCE), "is not a profile field");
      }
    }
    ProfileRequest merged = new ProfileRequest(
        value(body, "type", now.type()), value(body, "name", now.name()), value(body, "country", now.country()),
        value(body, "dateOfBirth", now.dateOfBirth() == null ? null : now.dateOfBirth().toString()),
        value(body, "registrationNumber", now.registrationNumber()), value(body, "externalId", now.externalId()));
    return profiles.update(orgId, id, fields(merged)).orElseThrow(() -> new NotFoundException("profile", id));
  }

  @DeleteMapping("/api/orgs/{orgId}/profiles/{id}")
  ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String id) {
    if (!profiles.delete(orgId, id)) {
      throw new NotFoundException("profile", id);
    }
    return ResponseEntity.noContent().build();
  }

  private static String value(Map<String, Object> body, String field, String current) {
    if (!body.containsKey(field)) {
      return current;
    }
    Object value = body.get(field);
    if (value != null && !(value instanceof String)) {
      throw new BadRequestException(field, "must be a string");
    }
    return (String) value;
  }

  /** The request's fields, checked: each problem names its field. */
  private static Fields fields(ProfileRequest request) {
    return ProfileFields.check(request.type(), request.name(), request.country(), request.dateOfBirth(),
        request.registrationNumber(), request.externalId());
  }
}
