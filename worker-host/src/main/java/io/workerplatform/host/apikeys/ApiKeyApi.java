package io.workerplatform.host.apikeys;

import io.workerplatform.apikeys.ApiKeyStore;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.host.security.ApiTokens;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An organization's API keys; admin token only (see SecurityConfiguration). */
@RestController
class ApiKeyApi {
  static final int MAX_NAME_LENGTH = 100;

  record CreateApiKey(String name) {}

  record ApiKeyCreated(String id, String key) {}

  record ApiKeys(List<ApiKeyStore.ApiKey> items, String nextCursor) {}

  private final ApiKeyStore keys;
  private final ApiTokens tokens;

  ApiKeyApi(ApiKeyStore keys, ApiTokens tokens) {
    this.keys = keys;
    this.tokens = tokens;
  }

  /** The key is in this answer only: it is stored as a hash. */
  @PostMapping("/api/orgs/{orgId}/api-keys")
  ResponseEntity<ApiKeyCreated> create(@PathVariable String orgId, @RequestBody CreateApiKey request) {
    String name = Validation.requireText("name", request.name(), MAX_NAME_LENGTH);
    ApiKeyStore.Created created = keys.create(orgId, name);
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/api-keys/" + created.id()))
        .body(new ApiKeyCreated(created.id(), created.key()));
  }

  /** Every valid key, newest first; an organization has few, so one page holds them all. */
  @GetMapping("/api/orgs/{orgId}/api-keys")
  ApiKeys list(@PathVariable String orgId) {
    return new ApiKeys(keys.list(orgId), null);
  }

  /** Revokes at once, on every host (see RevocationListener). */
  @DeleteMapping("/api/orgs/{orgId}/api-keys/{id}")
  ResponseEntity<Void> revoke(@PathVariable String orgId, @PathVariable String id) {
    if (!keys.revoke(orgId, id)) {
      throw new NotFoundException("api key", id);
    }
    tokens.forget(id); // here at once; the other hosts when the announcement reaches them
    return ResponseEntity.noContent().build();
  }
}
