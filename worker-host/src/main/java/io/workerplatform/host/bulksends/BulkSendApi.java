package io.workerplatform.host.bulksends;

import io.workerplatform.host.relay.OutboxSource;
import org.springframework.beans.factory.annotation.Qualifier;
import io.workerplatform.common.Page;
import io.workerplatform.host.work.WorkQueries;
import org.springframework.web.bind.annotation.RequestParam;
import io.workerplatform.bulksends.BulkSendWork;
import io.workerplatform.bulksends.BulkSendStore;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.email.EmailTemplates;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Schedules;
import io.workerplatform.host.api.StartAfterCommit;
import io.workerplatform.petitions.PetitionStore;
import io.workerplatform.usage.UsageStore;
import java.time.Clock;
import java.time.Instant;
import io.workerplatform.host.api.Validation;
import io.workerplatform.starters.BulkSends;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BulkSendApi {
  /** More recipients than this: {@code "allContacts": true}, which pages through them. */
  static final int MAX_CONTACT_IDS = 10_000;

  record CreateBulkSend(
      String petitionId, String template, List<String> contactIds, Boolean allContacts, String sendAt, String delay) {}

  /** {@code start}: {@code STARTED}, or {@code WAITING_TO_START} when the relay will start it. */
  record BulkSendCreated(String id, Instant sendAt, String start) {}

  private final BulkSendStore store;
  private final ContactStore contacts;
  private final EmailTemplates templates;
  private final BulkSends bulkSends;
  private final Clock clock;
  private final UsageStore usage;
  private final PetitionStore petitions;
  private final BulkSendRequests requests;
  private final OutboxSource outbox;

  private final WorkQueries work;

  BulkSendApi(
      BulkSendStore store, ContactStore contacts, EmailTemplates templates, BulkSends bulkSends, Clock clock,
      UsageStore usage, PetitionStore petitions, BulkSendRequests requests,
      @Qualifier("bulkSendOutbox") OutboxSource outbox, WorkQueries work) {
    this.work = work;
    this.requests = requests;
    this.outbox = outbox;
    this.petitions = petitions;
    this.usage = usage;
    this.clock = clock;
    this.store = store;
    this.contacts = contacts;
    this.templates = templates;
    this.bulkSends = bulkSends;
  }

  @PostMapping("/api/orgs/{orgId}/bulk-sends")
  ResponseEntity<BulkSendCreated> create(@PathVariable String orgId, @RequestBody CreateBulkSend request) {
    String petitionId = Validation.requireText("petitionId", request.petitionId());
    String template = Validation.requireText("template", request.template(), EmailTemplates.MAX_NAME_LENGTH);
    boolean all = Boolean.TRUE.equals(request.allContacts());
    List<String> contactIds = request.contactIds();
    if (all == (contactIds != null)) {
      throw new BadRequestException("contactIds", "give either contactIds or \"allContacts\": true");
    }
    if (!all) {
      Validation.requireList("contactIds", contactIds, "contact", MAX_CONTACT_IDS);
    }
    petitions
        .find(orgId, petitionId)
        .orElseThrow(() -> new BadRequestException("petitionId", "petition " + petitionId + " does not exist in organization " + orgId));
    if (!templates.exists(template)) {
      throw new BadRequestException("template", "unknown email template '" + template + "'");
    }
    if (!all) {
      for (int i = 0; i < contactIds.size(); i++) {
        Validation.requireId("contactIds[" + i + "]", contactIds.get(i));
      }
      List<String> unknown = contacts.notInOrganization(orgId, contactIds);
      if (!unknown.isEmpty()) {
        int index = contactIds.indexOf(unknown.get(0));
        throw new BadRequestException(
            "contactIds[" + index + "]", "contact " + unknown.get(0) + " does not exist in organization " + orgId);
      }
    }
    Instant sendAt = Schedules.at("sendAt", request.sendAt(), request.delay(), clock.instant());
    // Its recipients are reserved against the limits in its transaction: beyond them, a 409 naming
    // what remains, and nothing stored.
    String id = store.create(
        orgId, petitionId, template, all ? null : contactIds, sendAt,
        (t, total) -> usage.in(t).reserveBulkSend(orgId, total));
    String start =
        StartAfterCommit.start(
            "Bulk send", id, () -> bulkSends.start(orgId, id, petitionId, sendAt), () -> outbox.markStarted(id));
    return ResponseEntity.accepted().body(new BulkSendCreated(id, sendAt, start));
  }

  /** Live counters from the running workflow; the stored ones once it ended or if Temporal is down. */
  @GetMapping("/api/orgs/{orgId}/bulk-sends/{id}")
  BulkSendRequests.BulkSendView get(@PathVariable String orgId, @PathVariable String id) {
    return requests.view(orgId, id);
  }

  @PostMapping("/api/orgs/{orgId}/bulk-sends/{id}/pause")
  ResponseEntity<Void> pause(@PathVariable String orgId, @PathVariable String id) {
    requests.pause(orgId, id);
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/api/orgs/{orgId}/bulk-sends/{id}/resume")
  ResponseEntity<Void> resume(@PathVariable String orgId, @PathVariable String id) {
    requests.resume(orgId, id);
    return ResponseEntity.accepted().build();
  }

  /** See {@link BulkSendRequests#cancel}: 202 in every case it is accepted. */
  @PostMapping("/api/orgs/{orgId}/bulk-sends/{id}/cancel")
  ResponseEntity<Void> cancel(@PathVariable String orgId, @PathVariable String id) {
    requests.cancel(orgId, id);
    return ResponseEntity.accepted().build();
  }

  /** The organization's bulk sends: {@code ?status=&since=&until=&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/bulk-sends")
  Page<BulkSendWork.BulkSend> list(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.list(BulkSendWork.KIND, orgId, status, since, until, limit, cursor);
  }
}
