package io.workerplatform.host.signatures;

import io.workerplatform.host.relay.OutboxSource;
import org.springframework.beans.factory.annotation.Qualifier;
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
import io.workerplatform.signatures.SignatureProviders;
import io.workerplatform.signatures.SignatureStatus;
import io.workerplatform.signatures.SignatureStore;
import io.workerplatform.signatures.SignatureStore.NewRequest;
import io.workerplatform.signatures.SignatureStore.Request;
import io.workerplatform.signatures.SignatureWorkflow;
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
import java.io.InputStream;
import java.util.ArrayList;
import org.springframework.stereotype.Service;

/**
 * Signature requests, the use case: validated creation across the petitions, files and contacts
 * it names, the view that merges the running workflow's live state with the stored row, cancel,
 * reminders at most once per interval, the signed document. What the REST API calls.
 */
@Service
public class SignatureRequests {
  static final int DEFAULT_REMINDER_EVERY_DAYS = 3;
  static final int DEFAULT_EXPIRES_IN_DAYS = 30;
  static final int MAX_SIGNERS = 50;

  public record SignerInput(String contactId) {}

  public record CreateSignatureRequest(
      String petitionId,
      String fileId,
      String provider,
      List<SignerInput> signers,
      Integer reminderEveryDays,
      Integer expiresInDays) {}

  /** {@code start}: {@code STARTED}, or {@code WAITING_TO_START} when the relay will start it. */
  public record SignatureRequestCreated(String id, String start) {}

  public record SignerView(String contactId, String state) {}

  public record SignatureRequestView(
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

  SignatureRequests(
      SignatureStore store,
      ContactStore contacts,
      FileStore files,
      SignatureProviders providers,
      Signatures signatures,
      @Qualifier("signatureOutbox") OutboxSource outbox,
      SignatureProperties properties,
      Clock clock,
      UsageStore usage,
      PetitionStore petitions) {
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

  /**
   * Stores the request (counted against the organization's limit in its transaction: beyond it a
   * 409 and nothing stored) and starts its workflow after the commit; the relay starts it if
   * Temporal cannot be reached.
   */
  public SignatureRequestCreated create(String orgId, CreateSignatureRequest body) {
    NewRequest request = validate(orgId, body);
    String id = store.create(request, t -> usage.in(t).takeSignatureRequest(orgId));
    String start =
        StartAfterCommit.start("Signature request", id, () -> outbox.startNow(id), () -> outbox.markStarted(id));
    return new SignatureRequestCreated(id, start);
  }

  /** Live state from the running workflow; the stored one once it ended or when Temporal is down. */
  public SignatureRequestView view(String orgId, String id) {
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

  /** Asks the request's workflow to cancel (409 once it ended). */
  public void cancel(String orgId, String id) {
    steer(find(orgId, id), signatures::cancel);
  }

  /**
   * At most one reminder per {@code platform.signatures.min-reminder-interval}: the time of the
   * last one is in the request's row, so a loop of calls gets 429 and never reaches the workflow.
   */
  public void remind(String orgId, String id) {
    Request request = find(orgId, id);
    if (request.finishedAt() != null) {
      steer(request, signatures::remind); // a 409
      return;
    }
    Duration interval = properties.minReminderInterval();
    SignatureStore.ReminderClaim claim =
        store.claimReminder(orgId, id, interval).orElseThrow(() -> tooSoon(orgId, id, interval));
    try {
      steer(request, signatures::remind);
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

  /** The signed document of a completed request (409 before). */
  public InputStream signedDocument(String orgId, String id) {
    Request request = find(orgId, id);
    if (!SignatureWorkflow.COMPLETED.equals(request.state()) || request.signedFileId() == null) {
      throw new ConflictException("id", "signature request " + id + " is " + request.state() + ", not COMPLETED");
    }
    return files.open(orgId, request.signedFileId())
        .orElseThrow(() -> new NotFoundException("file", request.signedFileId()));
  }

  private void steer(Request request, Predicate<String> signal) {
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
    List<String> contactIds = new ArrayList<>();
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
}
