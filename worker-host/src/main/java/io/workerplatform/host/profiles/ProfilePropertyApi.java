package io.workerplatform.host.profiles;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.profiles.ProfilePropertyStore;
import io.workerplatform.profiles.ProfilePropertyStore.Property;
import java.net.URI;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A KYC profile's properties that expire (documents, certifications): the cron job {@code
 * expiring-properties} publishes {@code profile.property.expiring} 30, 14 and 7 days before.
 */
@RestController
class ProfilePropertyApi {
  static final int MAX_NAME_LENGTH = 200;

  record NewProperty(String kind, String name, String expiresAt) {}

  private final ProfilePropertyStore properties;

  ProfilePropertyApi(ProfilePropertyStore properties) {
    this.properties = properties;
  }

  @PostMapping("/api/orgs/{orgId}/profiles/{profileId}/properties")
  ResponseEntity<Property> add(
      @PathVariable String orgId, @PathVariable String profileId, @RequestBody NewProperty request) {
    properties.requireProfile(orgId, profileId); // another organization's profile is not found, whatever the body
    String kind = Validation.requireText("kind", request.kind(), 20);
    if (!ProfilePropertyStore.KINDS.contains(kind)) {
      throw new BadRequestException("kind", "must be one of " + ProfilePropertyStore.KINDS);
    }
    String name = Validation.requireText("name", request.name(), MAX_NAME_LENGTH).strip();
    LocalDate expiresAt = Validation.requireDate("expiresAt", request.expiresAt());
    Property property = properties.add(orgId, profileId, kind, name, expiresAt);
    return ResponseEntity.created(
            URI.create("/api/orgs/" + orgId + "/profiles/" + profileId + "/properties/" + property.id()))
        .body(property);
  }

  /** The profile's properties, soonest expiry first (at most {@link ProfilePropertyStore#MAX_PER_PROFILE}: one page). */
  @GetMapping("/api/orgs/{orgId}/profiles/{profileId}/properties")
  Page<Property> list(@PathVariable String orgId, @PathVariable String profileId) {
    return new Page<>(properties.list(orgId, profileId), null);
  }

  @DeleteMapping("/api/orgs/{orgId}/profiles/{profileId}/properties/{id}")
  ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String profileId, @PathVariable String id) {
    if (!properties.delete(orgId, profileId, id)) {
      throw new NotFoundException("property", id);
    }
    return ResponseEntity.noContent().build();
  }
}
