package io.workerplatform.host.email;

import io.workerplatform.common.EmailAddresses;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.email.EmailState;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.email.EmailInsert;
import io.workerplatform.email.EmailRequestStore;
import io.workerplatform.email.EmailRequestStore.EmailView;
import io.workerplatform.email.EmailRequestStore.NewEmail;
import io.workerplatform.email.EmailRequestStore.Stored;
import io.workerplatform.email.EmailTemplates;
import io.workerplatform.email.EmailWorkflow;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.StartAfterCommit;
import io.workerplatform.host.api.Validation;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.members.MemberStore;
import io.workerplatform.starters.EmailWorkflows;
import java.net.URI;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The application's own transactional email (the old {@code enqueueEmail}): {@code POST} stores
 * the request and its message {@code QUEUED} and starts workflow {@code email/<id>} after the
 * commit; {@code GET} shows how it stands, up to SES's delivery report.
 */
@RestController
class EmailApi {
  /** Whom: exactly one of the organization's contact, its member, or an address. */
  record To(String contactId, String memberId, String address) {}

  record SendEmail(To to, String template, JsonNode data, String dedupeKey) {}

  /**
   * {@code deduplicated}: the dedupe key was sent before, and this is that email; {@code start}:
   * {@code STARTED}, or {@code WAITING_TO_START} when the relay will start it.
   */
  record EmailAccepted(String id, String status, boolean deduplicated, String workflowId, String start) {}

  private final EmailRequestStore requests;
  private final EmailTemplates templates;
  private final EmailWorkflows workflows;
  private final OutboxSource outbox;
  private final DSLContext dsl;

  EmailApi(EmailRequestStore requests, EmailTemplates templates, EmailWorkflows workflows,
      @Qualifier("emailOutbox") OutboxSource outbox, DSLContext dsl) {
    this.requests = requests;
    this.templates = templates;
    this.workflows = workflows;
    this.outbox = outbox;
    this.dsl = dsl;
  }

  @PostMapping("/api/orgs/{orgId}/emails")
  ResponseEntity<EmailAccepted> send(@PathVariable String orgId, @RequestBody SendEmail request) {
    To to = request.to();
    if (to == null) {
      throw new BadRequestException("to", "is required: one of contactId, memberId, address");
    }
    int given = (to.contactId() == null ? 0 : 1) + (to.memberId() == null ? 0 : 1) + (to.address() == null ? 0 : 1);
    if (given != 1) {
      throw new BadRequestException("to", "must give exactly one of contactId, memberId, address");
    }
    if (to.contactId() != null && !ContactStore.exists(dsl, orgId, Validation.requireId("to.contactId", to.contactId()))) {
      throw new BadRequestException("to.contactId", "is not a contact of the organization");
    }
    if (to.memberId() != null && !MemberStore.exists(dsl, orgId, Validation.requireId("to.memberId", to.memberId()))) {
      throw new BadRequestException("to.memberId", "is not a member of the organization");
    }
    String address = null;
    if (to.address() != null) {
      address = Validation.requireText("to.address", to.address().strip(), EmailAddresses.MAX_LENGTH);
      if (!EmailAddresses.isValid(address)) {
        throw new BadRequestException("to.address", "is not a valid email address");
      }
    }
    String template = Validation.requireText("template", request.template(), EmailTemplates.MAX_NAME_LENGTH);
    if (!EmailInsert.TEMPLATE_NAME.matcher(template).matches() || !templates.exists(template)) {
      throw new BadRequestException("template", "'" + template + "' is not an email template");
    }
    JsonNode data = request.data();
    if (data != null && !data.isNull() && !data.isObject()) {
      throw new BadRequestException("data", "must be a JSON object");
    }
    String dataJson = data == null || data.isNull() ? "{}" : data.toString();
    if (dataJson.length() > EmailInsert.MAX_DATA_CHARS) {
      throw new BadRequestException("data", "is larger than " + EmailInsert.MAX_DATA_CHARS + " characters of JSON");
    }
    String dedupeKey = request.dedupeKey();
    if (dedupeKey != null && !EmailInsert.DEDUPE_KEY.matcher(dedupeKey).matches()) {
      throw new BadRequestException(
          "dedupeKey", "must be 1 to " + EmailInsert.MAX_DEDUPE_KEY_LENGTH + " printable characters without spaces");
    }
    Stored stored = requests.create(
        new NewEmail(orgId, to.contactId(), to.memberId(), address, template, dataJson, dedupeKey));
    EmailView email = stored.email();
    String start = stored.created()
        ? StartAfterCommit.start("Email", email.id(),
            () -> workflows.start(orgId, email.id()), () -> outbox.markStarted(email.id()))
        : StartAfterCommit.STARTED;
    return ResponseEntity.accepted()
        .location(URI.create("/api/orgs/" + orgId + "/emails/" + email.id()))
        .body(new EmailAccepted(
            email.id(), email.status(), !stored.created(), EmailWorkflow.workflowId(email.id()), start));
  }

  /**
   * A {@code FAILED} email sent again: a new attempt under the same key ({@code QUEUED}, then as
   * any email). 409 naming {@code id} unless it failed.
   */
  @PostMapping("/api/orgs/{orgId}/emails/{id}/retry")
  ResponseEntity<EmailAccepted> retry(@PathVariable String orgId, @PathVariable String id) {
    EmailView before = get(orgId, id);
    if (!requests.requeueFailed(orgId, id)) {
      throw new ConflictException("id", "email " + id + " is " + before.status() + ", not FAILED");
    }
    String start = StartAfterCommit.start("Email", id, () -> workflows.start(orgId, id), () -> outbox.markStarted(id));
    return ResponseEntity.accepted()
        .location(URI.create("/api/orgs/" + orgId + "/emails/" + id))
        .body(new EmailAccepted(id, EmailState.QUEUED, false, EmailWorkflow.workflowId(id), start));
  }

  /**
   * {@code status}: {@code QUEUED}, {@code SENDING}, {@code SENT}, then SES's {@code DELIVERED},
   * {@code BOUNCED} or {@code COMPLAINED}; or {@code SUPPRESSED}, {@code SKIPPED_*}, {@code FAILED}
   * with the {@code reason}. {@code inDoubt}: it may have reached its recipient twice.
   */
  @GetMapping("/api/orgs/{orgId}/emails/{id}")
  EmailView get(@PathVariable String orgId, @PathVariable String id) {
    return requests.find(orgId, id)
        .orElseThrow(() -> new NotFoundException("email", id));
  }
}
