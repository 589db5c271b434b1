package io.workerplatform.host.bulksend;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.bulksend.BulkSendProgress;
import io.workerplatform.bulksend.BulkSendStore;
import io.workerplatform.bulksend.BulkSendStore.BulkSend;
import io.workerplatform.bulksend.BulkSendWorkflow;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.email.EmailTemplates;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Schedules;
import io.workerplatform.host.api.StartAfterCommit;
import io.workerplatform.petitions.PetitionStore;
import io.workerplatform.usage.UsageStore;
import java.time.Clock;
import java.time.Instant;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.starters.BulkSends;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class BulkSendApi {
  /** More recipients than this: {@code "allContacts": true}, which pages through them. */
  static final int MAX_CONTACT_IDS = 10_000;

  record CreateBulkSend(
      String petitionId, String template, List<String> contactIds, Boolean allContacts, String sendAt, String delay) {}

  /** {@code start}: {@code STARTED}, or {@code WAITING_TO_START} when the relay will start it. */
  record BulkSendCreated(String id, Instant sendAt, String start) {}

  /**
   * {@code inDoubt}: recipients whose message may have arrived twice (an SES call of unknown
   * outcome was made again), as the message log marks them.
   */
  public record BulkSendView(
      String id, String status, int total, int sent, int skipped, int suppressed, int failed, int inDoubt,
      Instant sendAt) {}

  private final BulkSendStore store;
  private final ContactStore contacts;
  private final EmailTemplates templates;
  private final BulkSends bulkSends;
  private final Clock clock;
  private final UsageStore usage;
  private final PetitionStore petitions;

  BulkSendApi(
      BulkSendStore store, ContactStore contacts, EmailTemplates templates, BulkSends bulkSends, Clock clock,
      UsageStore usage, PetitionStore petitions) {
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
            "Bulk send", id, () -> bulkSends.start(orgId, id, petitionId, sendAt), () -> store.markStarted(id));
    return ResponseEntity.accepted().body(new BulkSendCreated(id, sendAt, start));
  }

  /** Live counters from the running workflow; the stored ones once it ended or if Temporal is down. */
  @GetMapping("/api/orgs/{orgId}/bulk-sends/{id}")
  public BulkSendView get(@PathVariable String orgId, @PathVariable String id) {
    BulkSend stored = find(orgId, id);
    if (!isFinished(stored.status())) {
      try {
        var live = bulkSends.progress(id);
        if (live.isPresent()) {
          BulkSendProgress p = live.get();
          return new BulkSendView(
              id, p.status(), p.total(), p.sent(), p.skipped(), p.suppressed(), p.failed(), store.inDoubt(orgId, id),
              stored.sendAt());
        }
      } catch (WorkflowServiceException temporalDown) {
        // fall through to the stored row
      }
    }
    var c = stored.counters();
    return new BulkSendView(
        id, stored.status(), stored.total(), c.sent(), c.skipped(), c.suppressed(), c.failed(), store.inDoubt(orgId, id),
        stored.sendAt());
  }

  @PostMapping("/api/orgs/{orgId}/bulk-sends/{id}/pause")
  public ResponseEntity<Void> pause(@PathVariable String orgId, @PathVariable String id) {
    return steer(orgId, id, bulkSends::pause);
  }

  @PostMapping("/api/orgs/{orgId}/bulk-sends/{id}/resume")
  public ResponseEntity<Void> resume(@PathVariable String orgId, @PathVariable String id) {
    return steer(orgId, id, bulkSends::resume);
  }

  /**
   * One whose workflow has not started (stored while Temporal was unreachable) is cancelled in its
   * row, where the relay sees it, and gives back its reservation; a started one by its workflow.
   */
  @PostMapping("/api/orgs/{orgId}/bulk-sends/{id}/cancel")
  public ResponseEntity<Void> cancel(@PathVariable String orgId, @PathVariable String id) {
    find(orgId, id);
    if (store.cancelUnstarted(orgId, id)) {
      try {
        bulkSends.cancel(id); // a workflow started since its row was read ends at once
      } catch (io.temporal.client.WorkflowNotFoundException | WorkflowServiceException notStarted) {
        // the row says CANCELLED: nothing will start it
      }
      return ResponseEntity.accepted().build();
    }
    return steer(orgId, id, bulkSends::cancel);
  }

  private ResponseEntity<Void> steer(String orgId, String id, Consumer<String> signal) {
    BulkSend bulkSend = find(orgId, id);
    if (isFinished(bulkSend.status())) {
      throw new ConflictException("id", "bulk send " + id + " is " + bulkSend.status() + " already");
    }
    try {
      signal.accept(id);
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      throw new ConflictException("id", "bulk send " + id + " has not started or has ended");
    } catch (WorkflowServiceException e) {
      throw new TemporalUnavailableException("Temporal is unreachable; try again", Map.of("id", id));
    }
    return ResponseEntity.accepted().build();
  }

  private BulkSend find(String orgId, String id) {
    return store.find(orgId, id).orElseThrow(() -> new NotFoundException("bulk send", id));
  }

  private static boolean isFinished(String status) {
    return BulkSendWorkflow.COMPLETED.equals(status) || BulkSendWorkflow.CANCELLED.equals(status);
  }
}
