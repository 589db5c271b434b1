package io.workerplatform.host.petitions;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.events.ChangePublisher;
import io.workerplatform.events.ChangePublisher.Change;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.host.api.Validation;
import io.workerplatform.petitions.PetitionStore;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happens to a petition, each change stored with its event in one transaction: a comment
 * ({@code comment.created}), completion ({@code petition.completed}). The events notify members
 * and reach webhooks and the audit log like any other.
 */
@RestController
class PetitionApi {
  static final int MAX_COMMENT_LENGTH = 10_000;

  record NewComment(String body, String contactId, String authorName) {}

  record CommentCreated(String id, String eventId) {}

  record Completed(String id, String status, String eventId) {}

  private final PetitionStore petitions;
  private final ChangePublisher events;
  private final JsonMapper json;

  PetitionApi(PetitionStore petitions, ChangePublisher events, JsonMapper json) {
    this.petitions = petitions;
    this.events = events;
    this.json = json;
  }

  @PostMapping("/api/orgs/{orgId}/petitions/{id}/comments")
  ResponseEntity<CommentCreated> comment(
      @PathVariable String orgId, @PathVariable String id, @RequestBody NewComment request) {
    petition(orgId, id); // another organization's petition is not found, whatever the body
    String body = Validation.requireText("body", request.body(), MAX_COMMENT_LENGTH);
    String contactId = request.contactId() == null ? null : Validation.requireId("contactId", request.contactId());
    String authorName = Validation.maxLength("authorName", request.authorName(), Validation.MAX_TEXT_LENGTH);
    CommentCreated created =
        events.publishWith(tx -> {
          String commentId = petitions.in(tx).comment(orgId, id, contactId, authorName, body);
          String eventId = "comment-" + commentId;
          return new Change<>(
              new CommentCreated(commentId, eventId),
              event(orgId, eventId, "comment.created", Map.of("petitionId", id, "commentId", commentId), id, contactId));
        });
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/petitions/" + id + "/comments/" + created.id()))
        .body(created);
  }

  /** Completing a completed petition again answers the same and publishes nothing new. */
  @PostMapping("/api/orgs/{orgId}/petitions/{id}/complete")
  Completed complete(@PathVariable String orgId, @PathVariable String id) {
    String eventId = "petition-completed-" + id;
    return events.publishWith(tx -> {
      boolean completedNow = petitions.in(tx).complete(orgId, id);
      return new Change<>(
          new Completed(id, PetitionStore.COMPLETED, eventId),
          completedNow ? event(orgId, eventId, "petition.completed", Map.of("petitionId", id), id, null) : null);
    });
  }

  private void petition(String orgId, String id) {
    if (!petitions.exists(orgId, id)) {
      throw new NotFoundException("petition", id);
    }
  }

  /** Events of one petition are processed in order (ordering key {@code petition/<id>}). */
  private NewEvent event(
      String orgId, String eventId, String type, Map<String, String> data, String petitionId, String actor) {
    return new NewEvent(
        orgId, eventId, type, json.writeValueAsString(data), petitionId, actor, null, "petition/" + petitionId);
  }
}
