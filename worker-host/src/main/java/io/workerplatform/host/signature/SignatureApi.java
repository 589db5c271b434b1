package io.workerplatform.host.signature;

import io.workerplatform.host.relay.OutboxSource;
import org.springframework.beans.factory.annotation.Qualifier;
import io.workerplatform.common.Page;
import io.workerplatform.host.work.WorkQueries;
import org.springframework.web.bind.annotation.RequestParam;
import io.workerplatform.signature.SignatureWork;
import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.TooManyRequestsException;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.files.FileStore;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.StartAfterCommit;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.signature.SignatureProviders;
import io.workerplatform.signature.SignatureStatus;
import io.workerplatform.signature.SignatureStore;
import io.workerplatform.signature.SignatureStore.NewRequest;
import io.workerplatform.signature.SignatureStore.Request;
import io.workerplatform.signature.SignatureWorkflow;
import io.workerplatform.starters.Signatures;
import io.workerplatform.petitions.PetitionStore;
import io.workerplatform.usage.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SignatureApi {
  static final int DEFAULT_REMINDER_EVERY_DAYS = 3;
  static final int DEFAULT_EXPIRES_IN_DAYS = 30;
  static final int MAX_SIGNERS = 50;

  record SignerInput(String contactId) {}

  record CreateSignatureRequest(
      String petitionId,
      String fileId,
      String provider,
      List<SignerInput> signers,
      Integer reminderEveryDays,
      Integer expiresInDays) {}

  /** {@code start}: {@code STARTED}, or {@code WAITING_TO_START} when the relay will start it. */
  record SignatureRequestCreated(String id, String start) {}

  record SignerView(String contactId, String state) {}

  record SignatureRequestView(
      String id,
      String orgId,
      String petitionId,
      String fileId,
      String provider,
      String state,
      List<SignerView> signers,
      int remindersSent,
      Instant nextReminderAt,
      Instant expiresAt,
      String signedFileId,
      String reason,
      OffsetDateTime createdAt,
      OffsetDateTime finishedAt) {}

  private final SignatureStore store;
  private final ContactStore contacts;
  private final FileStore files;
  private final SignatureProviders providers;
  private final Signatures signatures;
  private final OutboxSource outbox;
  private final SignatureProperties properties;
  private final Clock clock;
  private final UsageStore usage;
  private final PetitionStore petitions;

  private final WorkQueries work;

  SignatureApi(
      SignatureStore store,
      ContactStore contacts,
      FileStore files,
      SignatureProviders providers,
      Signatures signatures,
      @Qualifier("signatureOutbox") OutboxSource outbox,
      SignatureProperties properties,
      Clock clock,
      UsageStore usage,
      PetitionStore petitions, WorkQueries work) {
    this.work = work;
    this.petitions = petitions;
    this.usage = usage;
    this.outbox = outbox;
    this.properties = properties;
    this.clock = clock;
    this.store = store;
    this.contacts = contacts;
    this.files = files;
    this.providers = providers;
    this.signatures = signatures;
  }

  @PostMapping("/api/orgs/{orgId}/signature-requests")
  ResponseEntity<SignatureRequestCreated> create(
      @PathVariable String orgId, @RequestBody CreateSignatureRequest body) {
    NewRequest request = validate(orgId, body);
    // Counted with the request, in its transaction: beyond the limit, a 409 and nothing stored.
    String id = store.create(request, t -> usage.in(t).takeSignatureRequest(orgId));
    String start =
        StartAfterCommit.start("Signature request", id, () -> outbox.startNow(id), () -> outbox.markStarted(id));
    return ResponseEntity.accepted().body(new SignatureRequestCreated(id, start));
  }

  /** Live state from the running workflow; the stored one once it ended or when Temporal is down. */
  @GetMapping("/api/orgs/{orgId}/signature-requests/{id}")
  SignatureRequestView get(@PathVariable String orgId, @PathVariable String id) {
    Request request = find(orgId, id);
    Optional<SignatureStatus> live = Optional.empty();
    if (request.finishedAt() == null) {
      try {
        live = signatures.status(id);
      } catch (WorkflowServiceException temporalDown) {
        // the stored row still answers
      }
    }
    List<SignerView> signers =
        live.map(s -> s.signers().stream().map(x -> new SignerView(x.signerId(), x.state())).toList())
            .filter(Predicate.not(List::isEmpty))
            .orElseGet(() -> store.signers(id).stream().map(s -> new SignerView(s.contactId(), s.state())).toList());
    return new SignatureRequestView(
        id,
        request.orgId(),
        request.petitionId(),
        request.fileId(),
        request.provider(),
        live.map(SignatureStatus::state).orElse(request.state()),
        signers,
        live.map(SignatureStatus::remindersSent).orElse(request.remindersSent()),
        live.map(SignatureStatus::nextReminderAt).orElse(null),
        live.map(SignatureStatus::expiresAt)
            .orElse(request.createdAt().toInstant().plusSeconds(86_400L * request.expiresInDays())),
        request.signedFileId(),
        live.map(SignatureStatus::reason).orElse(request.reason()),
        request.createdAt(),
        request.finishedAt());
  }

  @PostMapping("/api/orgs/{orgId}/signature-requests/{id}/cancel")
  ResponseEntity<Void> cancel(@PathVariable String orgId, @PathVariable String id) {
    return steer(find(orgId, id), signatures::cancel);
  }

  /**
   * At most one reminder per {@code platform.signatures.min-reminder-interval}: the time of the
   * last one is in the request's row, so a loop of calls gets 429 and never reaches the workflow.
   */
  @PostMapping("/api/orgs/{orgId}/signature-requests/{id}/remind")
  ResponseEntity<Void> remind(@PathVariable String orgId, @PathVariable String id) {
    Request request = find(orgId, id);
    if (request.finishedAt() != null) {
      return steer(request, signatures::remind); // answers 409
    }
    Duration interval = properties.minReminderInterval();
    SignatureStore.ReminderClaim claim =
        store.claimReminder(orgId, id, interval).orElseThrow(() -> tooSoon(orgId, id, interval));
    try {
      return steer(request, signatures::remind);
    } catch (RuntimeException notPassedOn) {
      store.releaseReminder(claim);
      throw notPassedOn;
    }
  }

  private TooManyRequestsException tooSoon(String orgId, String id, Duration interval) {
    Instant last = store.lastReminderAt(orgId, id).map(OffsetDateTime::toInstant).orElseGet(clock::instant);
    Duration wait = Duration.between(clock.instant(), last.plus(interval));
    return new TooManyRequestsException(
        "the signers of signature request " + id + " were reminded less than " + interval + " ago",
        wait.isNegative() ? Duration.ZERO : wait);
  }

  @GetMapping("/api/orgs/{orgId}/signature-requests/{id}/signed-document")
  ResponseEntity<Resource> signedDocument(@PathVariable String orgId, @PathVariable String id) {
    Request request = find(orgId, id);
    if (!SignatureWorkflow.COMPLETED.equals(request.state()) || request.signedFileId() == null) {
      throw new ConflictException("id", "signature request " + id + " is " + request.state() + ", not COMPLETED");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"signed-" + id + ".pdf\"")
        .body(new InputStreamResource(
            files.open(orgId, request.signedFileId())
                .orElseThrow(() -> new NotFoundException("file", request.signedFileId()))));
  }

  private ResponseEntity<Void> steer(Request request, Predicate<String> signal) {
    if (request.finishedAt() != null) {
      throw new ConflictException("id", "signature request " + request.id() + " is " + request.state() + " already");
    }
    boolean running;
    try {
      running = signal.test(request.id());
    } catch (WorkflowServiceException e) {
      throw new TemporalUnavailableException("Temporal is unreachable; try again", Map.of("id", request.id()));
    }
    if (!running) {
      throw new ConflictException("id", "signature request " + request.id() + " has not started or has ended");
    }
    return ResponseEntity.accepted().build();
  }

  private Request find(String orgId, String id) {
    return store.find(orgId, id).orElseThrow(() -> new NotFoundException("signature request", id));
  }

  private NewRequest validate(String orgId, CreateSignatureRequest body) {
    String petitionId = Validation.requireText("petitionId", body.petitionId());
    petitions.find(orgId, petitionId)
        .orElseThrow(() -> new BadRequestException("petitionId", "petition " + petitionId + " does not exist in organization " + orgId));
    String fileId = Validation.requireText("fileId", body.fileId());
    files.find(orgId, fileId)
        .orElseThrow(() -> new BadRequestException("fileId", "file " + fileId + " does not exist in organization " + orgId));
    String provider = Validation.requireText("provider", body.provider());
    if (!providers.names().contains(provider)) {
      throw new BadRequestException("provider", "must be one of the configured providers " + new TreeSet<>(providers.names()));
    }
    Validation.requireList("signers", body.signers(), "signer", MAX_SIGNERS);
    List<String> contactIds = new java.util.ArrayList<>();
    var seen = new HashSet<String>();
    for (int i = 0; i < body.signers().size(); i++) {
      String field = "signers[" + i + "].contactId";
      SignerInput signer = body.signers().get(i);
      String contactId = Validation.requireId(field, signer == null ? null : signer.contactId());
      if (!seen.add(contactId)) {
        throw new BadRequestException(field, "names contact " + contactId + " twice");
      }
      contactIds.add(contactId);
    }
    List<String> unknown = contacts.notInOrganization(orgId, contactIds);
    if (!unknown.isEmpty()) {
      throw new BadRequestException(
          "signers[" + contactIds.indexOf(unknown.get(0)) + "].contactId",
          "contact " + unknown.get(0) + " does not exist in organization " + orgId);
    }
    int reminderEveryDays = inRange("reminderEveryDays", body.reminderEveryDays(), DEFAULT_REMINDER_EVERY_DAYS, 0);
    int expiresInDays = inRange("expiresInDays", body.expiresInDays(), DEFAULT_EXPIRES_IN_DAYS, 1);
    return new NewRequest(orgId, petitionId, fileId, provider, contactIds, reminderEveryDays, expiresInDays);
  }

  private static int inRange(String field, Integer value, int fallback, int min) {
    int days = value == null ? fallback : value;
    if (days < min || days > 365) {
      throw new BadRequestException(field, "must be between " + min + " and 365 days");
    }
    return days;
  }

  /** The organization's signature requests: {@code ?status=&since=&until=&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/signature-requests")
  Page<SignatureWork.SignatureRequest> list(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.list(SignatureWork.KIND, orgId, status, since, until, limit, cursor);
  }
}
