package io.workerplatform.signatures;

import io.workerplatform.outbox.OutboxTable;
import static io.workerplatform.db.Tables.SIGNATURE_EVENTS;
import static io.workerplatform.db.Tables.SIGNATURE_REQUESTS;
import static io.workerplatform.db.Tables.SIGNATURE_SIGNERS;

import io.workerplatform.common.Ids;
import io.workerplatform.db.tables.records.SignatureRequestsRecord;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.petitions.PetitionStore;
import io.workerplatform.signatures.SignatureProvider.Recipient;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import java.util.function.Consumer;

/** Signature requests, their signers and the provider callbacks received for them. */
public class SignatureStore {
  /** Signature requests whose workflow must be started: {@code signature/<id>}. */
  public static final OutboxTable OUTBOX =
      OutboxTable.of(SIGNATURE_REQUESTS, SIGNATURE_REQUESTS.ID, SIGNATURE_REQUESTS.ORG_ID, SIGNATURE_REQUESTS.CREATED_AT,
          SIGNATURE_REQUESTS.WORKFLOW_STARTED_AT, SIGNATURE_REQUESTS.PETITION_ID, SIGNATURE_REQUESTS.REMINDER_EVERY_DAYS,
          SIGNATURE_REQUESTS.EXPIRES_IN_DAYS);

  /** Stored, workflow not yet started (or not yet known to have started). */
  public static final String REQUESTED = "REQUESTED";


  private final DSLContext dsl;
  private final Clock clock;

  public SignatureStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  public record NewRequest(
      String orgId,
      String petitionId,
      String fileId,
      String provider,
      List<String> contactIds,
      int reminderEveryDays,
      int expiresInDays) {}

  public record Request(
      String id,
      String orgId,
      String petitionId,
      String fileId,
      String provider,
      String state,
      int reminderEveryDays,
      int expiresInDays,
      /** Only for requests created before callback tokens were derived (CallbackTokens). */
      byte[] legacyCallbackTokenSha256,
      String providerProcessId,
      int createAttempts,
      int remindersSent,
      String signedFileId,
      String reason,
      OffsetDateTime createdAt,
      OffsetDateTime finishedAt) {}

  public record Signer(String contactId, int position, String providerSignerRef, String state) {}

  /** Stores the request and its signers in one transaction; the caller checked the references. */
  public String create(NewRequest request) {
    return create(request, t -> {});
  }

  /** The same, with {@code count} run in the transaction: what it throws (a usage limit) stores nothing. */
  public String create(NewRequest request, Consumer<DSLContext> count) {
    String id = Ids.newId("sr");
    dsl.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.insertInto(SIGNATURE_REQUESTS)
              .set(SIGNATURE_REQUESTS.ID, id)
              .set(SIGNATURE_REQUESTS.ORG_ID, request.orgId())
              .set(SIGNATURE_REQUESTS.PETITION_ID, request.petitionId())
              .set(SIGNATURE_REQUESTS.FILE_ID, request.fileId())
              .set(SIGNATURE_REQUESTS.PROVIDER, request.provider())
              .set(SIGNATURE_REQUESTS.STATE, REQUESTED)
              .set(SIGNATURE_REQUESTS.REMINDER_EVERY_DAYS, request.reminderEveryDays())
              .set(SIGNATURE_REQUESTS.EXPIRES_IN_DAYS, request.expiresInDays())
              .set(SIGNATURE_REQUESTS.CREATED_AT, now())
              .execute();
          var insert =
              t.insertInto(
                  SIGNATURE_SIGNERS,
                  SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID,
                  SIGNATURE_SIGNERS.ORG_ID,
                  SIGNATURE_SIGNERS.CONTACT_ID,
                  SIGNATURE_SIGNERS.POSITION);
          for (int i = 0; i < request.contactIds().size(); i++) {
            insert = insert.values(id, request.orgId(), request.contactIds().get(i), i);
          }
          insert.execute();
          count.accept(t);
        });
    return id;
  }

  public Optional<Request> find(String id) {
    return dsl.selectFrom(SIGNATURE_REQUESTS).where(SIGNATURE_REQUESTS.ID.eq(id)).fetchOptional(SignatureStore::request);
  }

  /** The request, if it belongs to organization {@code orgId}. */
  public Optional<Request> find(String orgId, String id) {
    return dsl.selectFrom(SIGNATURE_REQUESTS)
        .where(SIGNATURE_REQUESTS.ID.eq(id).and(SIGNATURE_REQUESTS.ORG_ID.eq(orgId)))
        .fetchOptional(SignatureStore::request);
  }

  public Optional<Request> findByProcess(String provider, String processId) {
    return dsl.selectFrom(SIGNATURE_REQUESTS)
        .where(SIGNATURE_REQUESTS.PROVIDER.eq(provider))
        .and(SIGNATURE_REQUESTS.PROVIDER_PROCESS_ID.eq(processId))
        .fetchOptional(SignatureStore::request);
  }

  public List<Signer> signers(String id) {
    return dsl.selectFrom(SIGNATURE_SIGNERS)
        .where(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID.eq(id))
        .orderBy(SIGNATURE_SIGNERS.POSITION)
        .fetch(s -> new Signer(s.getContactId(), s.getPosition(), s.getProviderSignerRef(), s.getState()));
  }

  /** The signers' names and addresses, in order: only ever handed to the provider. */
  public List<Recipient> recipients(String id) {
    var signers = dsl.select(SIGNATURE_SIGNERS.CONTACT_ID, SIGNATURE_SIGNERS.ORG_ID)
        .from(SIGNATURE_SIGNERS)
        .where(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID.eq(id))
        .orderBy(SIGNATURE_SIGNERS.POSITION)
        .fetch();
    Map<String, ContactStore.Addressee> contacts =
        ContactStore.addressees(dsl, signers.getValues(SIGNATURE_SIGNERS.CONTACT_ID)).stream()
            .collect(Collectors.toMap(ContactStore.Addressee::id, c -> c));
    return signers.stream()
        .map(s -> contacts.get(s.value1()))
        .filter(c -> c != null && c.orgId().equals(signers.getFirst().value2()))
        .map(c -> new Recipient(c.name() == null ? c.email() : c.name(), c.email()))
        .toList();
  }

  /** The title shown to signers: the petition's. */
  public String title(String id) {
    var request = dsl.select(SIGNATURE_REQUESTS.ORG_ID, SIGNATURE_REQUESTS.PETITION_ID)
        .from(SIGNATURE_REQUESTS)
        .where(SIGNATURE_REQUESTS.ID.eq(id))
        .fetchSingle();
    return PetitionStore.title(dsl, request.value1(), request.value2()).orElseThrow();
  }

  /** Records the stored signed document once; returns the file id recorded first. */
  public String recordSignedFile(String id, String fileId) {
    dsl.update(SIGNATURE_REQUESTS)
        .set(SIGNATURE_REQUESTS.SIGNED_FILE_ID, fileId)
        .where(SIGNATURE_REQUESTS.ID.eq(id))
        .and(SIGNATURE_REQUESTS.SIGNED_FILE_ID.isNull())
        .execute();
    return dsl.select(SIGNATURE_REQUESTS.SIGNED_FILE_ID)
        .from(SIGNATURE_REQUESTS)
        .where(SIGNATURE_REQUESTS.ID.eq(id))
        .fetchSingle(SIGNATURE_REQUESTS.SIGNED_FILE_ID);
  }

  /** Counts a create call about to be made; the state says the provider is being asked. */
  public void recordCreateAttempt(String id) {
    dsl.update(SIGNATURE_REQUESTS)
        .set(SIGNATURE_REQUESTS.CREATE_ATTEMPTS, SIGNATURE_REQUESTS.CREATE_ATTEMPTS.plus(1))
        .set(SIGNATURE_REQUESTS.STATE, SignatureWorkflow.CREATING)
        .where(SIGNATURE_REQUESTS.ID.eq(id))
        .execute();
  }

  /** Records the provider's process and its signer handles (in signer order). */
  public void recordProcess(String id, String processId, List<String> signerRefs) {
    dsl.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.update(SIGNATURE_REQUESTS)
              .set(SIGNATURE_REQUESTS.PROVIDER_PROCESS_ID, processId)
              .set(SIGNATURE_REQUESTS.STATE, SignatureWorkflow.AWAITING_SIGNATURES)
              .where(SIGNATURE_REQUESTS.ID.eq(id))
              .execute();
          for (int i = 0; i < signerRefs.size(); i++) {
            t.update(SIGNATURE_SIGNERS)
                .set(SIGNATURE_SIGNERS.PROVIDER_SIGNER_REF, signerRefs.get(i))
                .where(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID.eq(id))
                .and(SIGNATURE_SIGNERS.POSITION.eq(i))
                .execute();
          }
        });
  }

  public void recordReminder(String id) {
    dsl.update(SIGNATURE_REQUESTS)
        .set(SIGNATURE_REQUESTS.REMINDERS_SENT, SIGNATURE_REQUESTS.REMINDERS_SENT.plus(1))
        .set(SIGNATURE_REQUESTS.LAST_REMINDER_AT, now())
        .where(SIGNATURE_REQUESTS.ID.eq(id))
        .execute();
  }

  /**
   * Takes the right to remind the signers of an unfinished request now: empty when the last
   * reminder is less than {@code interval} ago (or the request is unknown or finished).
   */
  public Optional<ReminderClaim> claimReminder(String orgId, String id, Duration interval) {
    OffsetDateTime now = now();
    var previous = SIGNATURE_REQUESTS.as("previous");
    return dsl.update(SIGNATURE_REQUESTS)
        .set(SIGNATURE_REQUESTS.LAST_REMINDER_AT, now)
        .from(previous)
        .where(SIGNATURE_REQUESTS.ID.eq(id))
        .and(SIGNATURE_REQUESTS.ORG_ID.eq(orgId))
        .and(previous.ID.eq(SIGNATURE_REQUESTS.ID))
        .and(SIGNATURE_REQUESTS.FINISHED_AT.isNull())
        .and(SIGNATURE_REQUESTS.LAST_REMINDER_AT.isNull().or(SIGNATURE_REQUESTS.LAST_REMINDER_AT.le(now.minus(interval))))
        .returning(previous.LAST_REMINDER_AT)
        .fetchOptional()
        .map(r -> new ReminderClaim(id, r.get(previous.LAST_REMINDER_AT)));
  }

  /** The right to remind now; {@code previous}: the last reminder before (null if none). */
  public record ReminderClaim(String id, OffsetDateTime previous) {}

  /** Gives back a claim of {@link #claimReminder} that was not passed on to the workflow. */
  public void releaseReminder(ReminderClaim claim) {
    dsl.update(SIGNATURE_REQUESTS)
        .set(SIGNATURE_REQUESTS.LAST_REMINDER_AT, claim.previous())
        .where(SIGNATURE_REQUESTS.ID.eq(claim.id()))
        .execute();
  }

  /** When the signers of the request were last reminded (or a reminder was accepted), if ever. */
  public Optional<OffsetDateTime> lastReminderAt(String orgId, String id) {
    return dsl.select(SIGNATURE_REQUESTS.LAST_REMINDER_AT)
        .from(SIGNATURE_REQUESTS)
        .where(SIGNATURE_REQUESTS.ID.eq(id))
        .and(SIGNATURE_REQUESTS.ORG_ID.eq(orgId))
        .fetchOptional(SIGNATURE_REQUESTS.LAST_REMINDER_AT);
  }

  public Optional<String> contactOf(String id, String providerSignerRef) {
    return dsl.select(SIGNATURE_SIGNERS.CONTACT_ID)
        .from(SIGNATURE_SIGNERS)
        .where(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID.eq(id))
        .and(SIGNATURE_SIGNERS.PROVIDER_SIGNER_REF.eq(providerSignerRef))
        .fetchOptional(SIGNATURE_SIGNERS.CONTACT_ID);
  }

  public void recordEvent(String id, String provider, String type, String contactId, String signal, String payloadJson) {
    dsl.insertInto(SIGNATURE_EVENTS)
        .set(SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID, id)
        // the request's organization, in the same statement
        .set(SIGNATURE_EVENTS.ORG_ID,
            DSL.select(SIGNATURE_REQUESTS.ORG_ID).from(SIGNATURE_REQUESTS).where(SIGNATURE_REQUESTS.ID.eq(id)))
        .set(SIGNATURE_EVENTS.PROVIDER, provider)
        .set(SIGNATURE_EVENTS.TYPE, type)
        .set(SIGNATURE_EVENTS.CONTACT_ID, contactId)
        .set(SIGNATURE_EVENTS.SIGNAL, signal)
        .set(SIGNATURE_EVENTS.PAYLOAD, JSONB.jsonb(payloadJson))
        .set(SIGNATURE_EVENTS.RECEIVED_AT, now())
        .execute();
  }

  /**
   * Records the request's final state and its signers' states; true only for the call that
   * finished it (a retried activity finds it finished and changes nothing).
   */
  public boolean finish(SignatureStatus status) {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          int finished =
              t.update(SIGNATURE_REQUESTS)
                  .set(SIGNATURE_REQUESTS.STATE, status.state())
                  .set(SIGNATURE_REQUESTS.REASON, status.reason())
                  .set(SIGNATURE_REQUESTS.SIGNED_FILE_ID, status.signedFileId())
                  .set(SIGNATURE_REQUESTS.FINISHED_AT, now())
                  .where(SIGNATURE_REQUESTS.ID.eq(status.signatureRequestId()))
                  .and(SIGNATURE_REQUESTS.FINISHED_AT.isNull())
                  .execute();
          for (SignatureStatus.Signer signer : status.signers()) {
            t.update(SIGNATURE_SIGNERS)
                .set(SIGNATURE_SIGNERS.STATE, signer.state())
                .where(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID.eq(status.signatureRequestId()))
                .and(SIGNATURE_SIGNERS.CONTACT_ID.eq(signer.signerId()))
                .execute();
          }
          return finished == 1;
        });
  }

  private static Request request(SignatureRequestsRecord r) {
    return new Request(
        r.getId(), r.getOrgId(), r.getPetitionId(), r.getFileId(), r.getProvider(), r.getState(),
        r.getReminderEveryDays(), r.getExpiresInDays(), r.getLegacyCallbackTokenSha256(), r.getProviderProcessId(),
        r.getCreateAttempts(), r.getRemindersSent(), r.getSignedFileId(), r.getReason(),
        r.getCreatedAt(), r.getFinishedAt());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
