package io.workerplatform.host.petitions;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.events.ChangePublisher;
import io.workerplatform.events.ChangePublisher.Change;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.host.api.Validation;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.petitions.PetitionStore;
import io.workerplatform.petitions.PetitionStore.Petition;
import io.workerplatform.petitions.PetitionStore.ReminderPlan;
import java.time.Instant;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import tools.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import java.time.temporal.ChronoUnit;

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

  record NewReply(String contactId, JsonNode fields) {}

  record ReplyCreated(String id, String eventId) {}

  record Completed(String id, String status, String eventId) {}

  static final int MAX_REPLY_FIELDS = 100;
  static final int MAX_REPLY_BYTES = 64 * 1024;
  static final int MAX_REMINDER_DAYS = 365;
  static final int MAX_REMINDERS = 50;

  private final PetitionStore petitions;
  private final ChangePublisher events;
  private final JsonMapper json;
  private final PetitionClosings closings;

  PetitionApi(PetitionStore petitions, ChangePublisher events, JsonMapper json, PetitionClosings closings) {
    this.closings = closings;
    this.petitions = petitions;
    this.events = events;
    this.json = json;
  }

  /**
   * {@code {"title", "reminders":{"everyDays","max"}, "closesAt"}}: reminders and closing are
   * optional; a closing time starts the petition's durable timer.
   */
  @PostMapping("/api/orgs/{orgId}/petitions")
  ResponseEntity<Petition> create(@PathVariable String orgId, @RequestBody JsonNode request) {
    JsonNode body = object(request);
    String title = Validation.requireText("title", text(body, "title"));
    ReminderPlan reminders = body.hasNonNull("reminders") ? plan(body.get("reminders")) : null;
    Instant closesAt = closesAt(body);
    Petition petition = petitions.create(orgId, title, reminders, closesAt);
    if (closesAt != null) {
      closings.schedule(petition);
    }
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/petitions/" + petition.id())).body(petition);
  }

  @GetMapping("/api/orgs/{orgId}/petitions/{id}")
  Petition get(@PathVariable String orgId, @PathVariable String id) {
    return petitions.find(orgId, id).orElseThrow(() -> new NotFoundException("petition", id));
  }

  /**
   * Changes an open petition's {@code reminders} and {@code closesAt}: a field given sets it, a
   * field given as null clears it, a field left out stays.
   */
  @PatchMapping("/api/orgs/{orgId}/petitions/{id}")
  Petition change(@PathVariable String orgId, @PathVariable String id, @RequestBody JsonNode request) {
    petition(orgId, id);
    JsonNode body = object(request);
    Optional<ReminderPlan> reminders =
        !body.has("reminders") ? null : Optional.ofNullable(body.get("reminders").isNull() ? null : plan(body.get("reminders")));
    Optional<Instant> closesAt = !body.has("closesAt") ? null : Optional.ofNullable(closesAt(body));
    Petition changed = petitions.change(orgId, id, reminders, closesAt);
    if (closesAt != null) {
      closings.schedule(changed); // a cleared time cancels a timer that may be waiting
    }
    return changed;
  }

  /** Records a contact's reply ({@code fields}: a JSON object) and publishes {@code petition.replied}. */
  @PostMapping("/api/orgs/{orgId}/petitions/{id}/replies")
  ResponseEntity<ReplyCreated> reply(
      @PathVariable String orgId, @PathVariable String id, @RequestBody NewReply request) {
    petition(orgId, id);
    String contactId = Validation.requireId("contactId", request.contactId());
    JsonNode fields = request.fields();
    if (fields == null || !fields.isObject()) {
      throw new BadRequestException("fields", "must be a JSON object");
    }
    if (fields.size() > MAX_REPLY_FIELDS) {
      throw new BadRequestException("fields", "may have at most " + MAX_REPLY_FIELDS + " fields");
    }
    String fieldsJson = json.writeValueAsString(fields);
    if (fieldsJson.length() > MAX_REPLY_BYTES) {
      throw new BadRequestException("fields", "may take at most " + MAX_REPLY_BYTES + " bytes as JSON");
    }
    ReplyCreated created =
        events.publishWith(tx -> {
          String replyId = petitions.in(tx).reply(orgId, id, contactId, fieldsJson);
          String eventId = "reply-" + replyId;
          return new Change<>(
              new ReplyCreated(replyId, eventId),
              event(orgId, eventId, "petition.replied", Map.of("petitionId", id, "contactId", contactId), id, contactId));
        });
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/petitions/" + id + "/replies/" + created.id()))
        .body(created);
  }

  /**
   * Gives the timer its time now (or cancels it); when Temporal is unreachable the change stands
   * and the relay gives it later.
   */
  private static JsonNode object(JsonNode request) {
    if (request == null || !request.isObject()) {
      throw new BadRequestException("body", "must be a JSON object");
    }
    return request;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new BadRequestException(field, "must be a string");
    }
    return value.asString();
  }

  /** To the microsecond, as PostgreSQL keeps it: the timer and the row then name the same time. */
  private static Instant closesAt(JsonNode body) {
    Instant closesAt = Validation.instantOrNull("closesAt", text(body, "closesAt"));
    return closesAt == null ? null : closesAt.truncatedTo(ChronoUnit.MICROS);
  }

  private static ReminderPlan plan(JsonNode reminders) {
    if (!reminders.isObject()) {
      throw new BadRequestException("reminders", "must be an object {\"everyDays\", \"max\"}");
    }
    return new ReminderPlan(
        whole(reminders.get("everyDays"), "reminders.everyDays", MAX_REMINDER_DAYS),
        whole(reminders.get("max"), "reminders.max", MAX_REMINDERS));
  }

  private static int whole(JsonNode value, String field, int max) {
    if (value == null || !value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > max) {
      throw new BadRequestException(field, "must be a whole number from 1 to " + max);
    }
    return value.asInt();
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
