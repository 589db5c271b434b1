package io.workerplatform.host.organizations;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.organizations.OrganizationStore.Organization;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Organizations: created and listed by the admin; each organization's key reads its own. */
@RestController
class OrganizationApi {
  record CreateOrganization(String id, String name) {}

  record UpdateOrganization(String name, String timeZone) {}

  private final OrganizationStore store;

  OrganizationApi(OrganizationStore store) {
    this.store = store;
  }

  @PostMapping("/api/orgs")
  ResponseEntity<Organization> create(@RequestBody CreateOrganization request) {
    String id = Validation.requireId("id", request.id());
    String name = Validation.requireText("name", request.name());
    if (!store.create(id, name)) {
      throw new ConflictException("id", "organization " + id + " already exists");
    }
    return ResponseEntity.created(URI.create("/api/orgs/" + id)).body(store.find(id).orElseThrow());
  }

  /** Admin only (the security rules): every organization, newest first. */
  @GetMapping("/api/orgs")
  Page<Organization> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return store.list(Paging.limit(limit), Paging.after(cursor));
  }

  @GetMapping("/api/orgs/{orgId}")
  Organization get(@PathVariable String orgId) {
    return store.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
  }

  /** The name and the time zone (an IANA id, default {@code UTC}), each when given. */
  @PatchMapping("/api/orgs/{orgId}")
  Organization update(@PathVariable String orgId, @RequestBody UpdateOrganization request) {
    String name = request.name() == null ? null : Validation.requireText("name", request.name());
    String timeZone = request.timeZone() == null ? null : Validation.timeZone("timeZone", request.timeZone());
    return store.update(orgId, name, timeZone).orElseThrow(() -> new NotFoundException("organization", orgId));
  }
}
