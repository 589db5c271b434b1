package io.workerplatform.host.org;

import io.workerplatform.common.ConflictException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.webhook.WebhookStore;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrganizationApi {
  record CreateOrganization(String id, String name) {}

  record Organization(String id, String name) {}

  private final WebhookStore store;

  OrganizationApi(WebhookStore store) {
    this.store = store;
  }

  @PostMapping("/api/orgs")
  ResponseEntity<Organization> create(@RequestBody CreateOrganization request) {
    String id = Validation.requireId("id", request.id());
    String name = Validation.requireText("name", request.name());
    if (!store.createOrganization(id, name)) {
      throw new ConflictException("id", "organization " + id + " already exists");
    }
    return ResponseEntity.created(URI.create("/api/orgs/" + id)).body(new Organization(id, name));
  }
}
