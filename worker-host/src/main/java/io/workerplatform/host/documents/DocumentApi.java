package io.workerplatform.host.documents;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.documents.DocumentStore;
import io.workerplatform.documents.DocumentStore.Document;
import io.workerplatform.host.api.Validation;
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
 * A contact's documents with an expiry date ({@code passport}, {@code licence}...): the cron job
 * {@code expiring-properties} publishes {@code document.expiring} 30, 14 and 7 days before.
 */
@RestController
class DocumentApi {
  static final int MAX_TYPE_LENGTH = 100;

  record NewDocument(String type, String expiresAt) {}

  private final DocumentStore documents;

  DocumentApi(DocumentStore documents) {
    this.documents = documents;
  }

  @PostMapping("/api/orgs/{orgId}/contacts/{contactId}/documents")
  ResponseEntity<Document> add(
      @PathVariable String orgId, @PathVariable String contactId, @RequestBody NewDocument request) {
    documents.requireContact(orgId, contactId); // another organization's contact is not found, whatever the body
    String type = Validation.requireText("type", request.type(), MAX_TYPE_LENGTH);
    LocalDate expiresAt = Validation.requireDate("expiresAt", request.expiresAt());
    Document document = documents.add(orgId, contactId, type.strip(), expiresAt);
    return ResponseEntity.created(
            URI.create("/api/orgs/" + orgId + "/contacts/" + contactId + "/documents/" + document.id()))
        .body(document);
  }

  /** The contact's documents, soonest expiry first (a contact has a handful: one page). */
  @GetMapping("/api/orgs/{orgId}/contacts/{contactId}/documents")
  Page<Document> list(@PathVariable String orgId, @PathVariable String contactId) {
    return new Page<>(documents.list(orgId, contactId), null);
  }

  @DeleteMapping("/api/orgs/{orgId}/contacts/{contactId}/documents/{id}")
  ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String contactId, @PathVariable String id) {
    if (!documents.delete(orgId, contactId, id)) {
      throw new NotFoundException("document", id);
    }
    return ResponseEntity.noContent().build();
  }
}
