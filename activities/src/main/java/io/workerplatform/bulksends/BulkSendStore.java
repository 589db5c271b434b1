package io.workerplatform.bulksends;

import io.workerplatform.outbox.OutboxTable;
import static io.workerplatform.db.Tables.BULK_SENDS;
import static io.workerplatform.db.Tables.BULK_SEND_RECIPIENTS;

import io.workerplatform.common.Ids;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.email.EmailState;
import io.workerplatform.email.EmailStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Select;
import org.jooq.Record4;
import org.jooq.impl.DSL;
import java.time.Instant;
import java.util.function.ObjIntConsumer;

/** Bulk sends, their recipients, and their counters as the message log has them. */
public class BulkSendStore {
  /**
   * Bulk sends whose workflow must be started, once their time has come: a scheduled one is never
   * started before its {@code sendAt}, a cancelled one never.
   */
  public static final OutboxTable OUTBOX =
      new OutboxTable(BULK_SENDS, BULK_SENDS.ID, BULK_SENDS.ORG_ID, BULK_SENDS.CREATED_AT, BULK_SENDS.WORKFLOW_STARTED_AT,
          now -> BULK_SENDS.FINISHED_AT.isNull().and(BULK_SENDS.SEND_AT.isNull().or(BULK_SENDS.SEND_AT.le(now))),
          List.of(BULK_SENDS.PETITION_ID, BULK_SENDS.SEND_AT))
          // not finished: sending, paused or waiting for its time (a new run finds the decided messages)
          .sweeping(BULK_SENDS.FINISHED_AT.isNull());

  public static final String CREATED = "CREATED";

  /**
   * Gives back, in the cancelling transaction, what a cancelled bulk send reserved and did not use
   * (the usage limits plug this in; the bulk sends know nothing of them).
   */
  @FunctionalInterface
  public interface Reservations {
    Reservations NONE = (tx, orgId, reservedAt, recipients, emails) -> {};

    void release(DSLContext tx, String orgId, OffsetDateTime reservedAt, int recipients, int emails);
  }

  private final DSLContext dsl;
  private final Clock clock;
  private final Reservations reservations;

  public BulkSendStore(DSLContext dsl, Clock clock) {
    this(dsl, clock, Reservations.NONE);
  }

  public BulkSendStore(DSLContext dsl, Clock clock, Reservations reservations) {
    this.dsl = dsl;
    this.clock = clock;
    this.reservations = reservations;
  }

  /** @param sendAt when a scheduled one starts sending (null: at once) */
  public record BulkSend(
      String id, String orgId, String petitionId, String template, String status, int total, Counters counters,
      Instant sendAt) {}

  /**
   * Stores the bulk send and its recipients (the given contacts, or all of the organization's when
   * {@code contactIds} is null) in one transaction. The caller has checked that the petition,
   * template and contacts belong to the organization.
   */
  public String create(String orgId, String petitionId, String template, List<String> contactIds) {
    return create(orgId, petitionId, template, contactIds, null);
  }

  /** The same, sending at {@code sendAt} when it is not null. */
  public String create(
      String orgId, String petitionId, String template, List<String> contactIds, Instant sendAt) {
    return create(orgId, petitionId, template, contactIds, sendAt, (t, total) -> {});
  }

  /**
   * The same, with {@code reserve} called in the transaction with the number of recipients before
   * it commits: what it throws (a usage limit) undoes the whole bulk send.
   */
  public String create(
      String orgId, String petitionId, String template, List<String> contactIds, Instant sendAt,
      ObjIntConsumer<DSLContext> reserve) {
    String id = Ids.newId("bs");
    dsl.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.insertInto(BULK_SENDS)
              .set(BULK_SENDS.ID, id)
              .set(BULK_SENDS.ORG_ID, orgId)
              .set(BULK_SENDS.PETITION_ID, petitionId)
              .set(BULK_SENDS.TEMPLATE, template)
              .set(BULK_SENDS.STATUS, sendAt == null ? CREATED : BulkSendWorkflow.SCHEDULED)
              .set(BULK_SENDS.SEND_AT, sendAt == null ? null : sendAt.atOffset(ZoneOffset.UTC))
              .set(BULK_SENDS.CREATED_AT, now())
              .execute();
          var contacts = ContactStore.ids(orgId, contactIds).asTable("recipient_contacts");
          int total =
              t.insertInto(
                      BULK_SEND_RECIPIENTS,
                      BULK_SEND_RECIPIENTS.BULK_SEND_ID,
                      BULK_SEND_RECIPIENTS.ORG_ID,
                      BULK_SEND_RECIPIENTS.CONTACT_ID)
                  .select(t.select(DSL.val(id), DSL.val(orgId), contacts.field(0, String.class)).from(contacts))
                  .onConflictDoNothing()
                  .execute();
          t.update(BULK_SENDS).set(BULK_SENDS.TOTAL, total).where(BULK_SENDS.ID.eq(id)).execute();
          reserve.accept(t, total);
        });
    return id;
  }

  /**
   * Every message of a petition's bulk send that SES accepted for a contact: petition, contact,
   * organization, {@code sent_at}; a query for another capability's statement to select from.
   */
  public static Select<Record4<String, String, String, OffsetDateTime>> sentOfPetitions() {
    var sent = EmailStore.sentOfBulkSends().asTable("sent");
    return DSL.select(
            BULK_SENDS.PETITION_ID, sent.field(1, String.class), sent.field(2, String.class),
            sent.field(3, OffsetDateTime.class))
        .from(sent)
        .join(BULK_SENDS).on(BULK_SENDS.ID.eq(sent.field(0, String.class)))
        .where(BULK_SENDS.PETITION_ID.isNotNull());
  }

  public Optional<BulkSend> find(String id) {
    return find(BULK_SENDS.ID.eq(id));
  }

  /** The bulk send, if it belongs to organization {@code orgId}. */
  public Optional<BulkSend> find(String orgId, String id) {
    return find(BULK_SENDS.ID.eq(id).and(BULK_SENDS.ORG_ID.eq(orgId)));
  }

  private Optional<BulkSend> find(Condition condition) {
    return dsl.selectFrom(BULK_SENDS)
        .where(condition)
        .fetchOptional(
            b ->
                new BulkSend(
                    b.getId(), b.getOrgId(), b.getPetitionId(), b.getTemplate(), b.getStatus(), b.getTotal(),
                    new Counters(b.getSent(), b.getSkipped(), b.getSuppressed(), b.getFailed()),
                    b.getSendAt() == null ? null : b.getSendAt().toInstant()));
  }

  /** Messages of the bulk send that the message log marks in doubt (maybe received twice). */
  public int inDoubt(String orgId, String id) {
    return EmailStore.inDoubtOfBulkSend(dsl, orgId, id);
  }

  /**
   * Cancels a bulk send whose workflow has not started (stored while Temporal was unreachable, or
   * scheduled and not yet handed to Temporal), so that the relay never starts it, and gives back its
   * whole reservation; false when it has started or ended. A workflow started meanwhile finds it
   * cancelled and sends nothing ({@link #nextPage}).
   */
  public boolean cancelUnstarted(String orgId, String id) {
    return dsl.transactionResult(tx -> {
      var cancelled =
          tx.dsl().update(BULK_SENDS)
              .set(BULK_SENDS.STATUS, BulkSendWorkflow.CANCELLED)
              .set(BULK_SENDS.FINISHED_AT, now())
              .where(BULK_SENDS.ID.eq(id).and(BULK_SENDS.ORG_ID.eq(orgId)))
              .and(BULK_SENDS.WORKFLOW_STARTED_AT.isNull())
              .and(BULK_SENDS.STATUS.in(CREATED, BulkSendWorkflow.SCHEDULED))
              .returning(BULK_SENDS.TOTAL, BULK_SENDS.CREATED_AT)
              .fetchOptional();
      cancelled.ifPresent(b -> reservations.release(tx.dsl(), orgId, b.getCreatedAt(), b.getTotal(), b.getTotal()));
      return cancelled.isPresent();
    });
  }

  /** Marks the bulk send running (also recording that its workflow exists); returns its total. */
  int markRunning(String id) {
    return dsl.update(BULK_SENDS)
        // one cancelled before its workflow started stays cancelled
        .set(BULK_SENDS.STATUS, DSL.when(BULK_SENDS.FINISHED_AT.isNull(), BulkSendWorkflow.RUNNING).otherwise(BULK_SENDS.STATUS))
        .set(BULK_SENDS.WORKFLOW_STARTED_AT, DSL.coalesce(BULK_SENDS.WORKFLOW_STARTED_AT, DSL.val(now())))
        .where(BULK_SENDS.ID.eq(id))
        .returning(BULK_SENDS.TOTAL)
        .fetchOptional()
        .map(r -> r.getTotal())
        .orElse(-1);
  }

  /** The last contact id and size of the next page after {@code afterContactId} (null: start). */
  BulkSendActivities.Page nextPage(String id, String afterContactId, int pageSize) {
    // A bulk send cancelled before its workflow started has no pages: that workflow sends nothing.
    var page =
        dsl.select(BULK_SEND_RECIPIENTS.CONTACT_ID)
            .from(BULK_SEND_RECIPIENTS)
            .where(BULK_SEND_RECIPIENTS.BULK_SEND_ID.eq(id))
            .andNotExists(
                DSL.selectOne().from(BULK_SENDS)
                    .where(BULK_SENDS.ID.eq(id).and(BULK_SENDS.STATUS.eq(BulkSendWorkflow.CANCELLED))))
            .and(afterContactId == null ? DSL.noCondition() : BULK_SEND_RECIPIENTS.CONTACT_ID.gt(afterContactId))
            .orderBy(BULK_SEND_RECIPIENTS.CONTACT_ID)
            .limit(pageSize)
            .asTable("page");
    var contactId = page.field(BULK_SEND_RECIPIENTS.CONTACT_ID);
    return dsl.select(DSL.max(contactId), DSL.count())
        .from(page)
        .fetchSingle(r -> new BulkSendActivities.Page(r.value1(), r.value2()));
  }

  List<String> recipients(String id, String afterContactId, String throughContactId) {
    return dsl.select(BULK_SEND_RECIPIENTS.CONTACT_ID)
        .from(BULK_SEND_RECIPIENTS)
        .where(BULK_SEND_RECIPIENTS.BULK_SEND_ID.eq(id))
        .and(afterContactId == null ? DSL.noCondition() : BULK_SEND_RECIPIENTS.CONTACT_ID.gt(afterContactId))
        .and(BULK_SEND_RECIPIENTS.CONTACT_ID.le(throughContactId))
        .orderBy(BULK_SEND_RECIPIENTS.CONTACT_ID)
        .fetch(BULK_SEND_RECIPIENTS.CONTACT_ID);
  }

  /** Counts the bulk send's messages by state and records them with the final status. */
  /** The final counters, and the organization when this call was the one that finished the bulk send. */
  record Finished(Counters counters, Optional<String> newlyFinishedOrgId) {}

  Finished finish(String id, String requested) {
    // one cancelled before its workflow started stays cancelled, whatever its workflow concludes
    String status =
        dsl.fetchExists(BULK_SENDS, BULK_SENDS.ID.eq(id).and(BULK_SENDS.STATUS.eq(BulkSendWorkflow.CANCELLED)))
            ? BulkSendWorkflow.CANCELLED
            : requested;
    Map<String, Integer> byState = EmailStore.statesOfBulkSend(dsl, id);
    Counters logged =
        new Counters(
            byState.getOrDefault(EmailState.SENT, 0),
            byState.getOrDefault(EmailState.SKIPPED_NOT_ALLOWED, 0) + byState.getOrDefault(EmailState.SKIPPED_ERASED, 0),
            byState.getOrDefault(EmailState.SUPPRESSED, 0),
            byState.getOrDefault(EmailState.FAILED, 0));
    // A completed bulk send decided every recipient: one without a message is a contact erased
    // meanwhile, which failed. A cancelled one simply did not reach the rest.
    int total = dsl.fetchCount(BULK_SEND_RECIPIENTS, BULK_SEND_RECIPIENTS.BULK_SEND_ID.eq(id));
    Counters counters =
        BulkSendWorkflow.COMPLETED.equals(status) && logged.done() < total
            ? logged.plus(new Counters(0, 0, 0, total - logged.done()))
            : logged;
    dsl.update(BULK_SENDS)
        .set(BULK_SENDS.STATUS, status)
        .set(BULK_SENDS.SENT, counters.sent())
        .set(BULK_SENDS.SKIPPED, counters.skipped())
        .set(BULK_SENDS.SUPPRESSED, counters.suppressed())
        .set(BULK_SENDS.FAILED, counters.failed())
        .where(BULK_SENDS.ID.eq(id))
        .execute();
    // Finished once; a cancelled one gives back, in that transaction, what it did not use: a
    // recipient not reached, an email not sent (SENT, or SENDING in doubt, used its reservation).
    int sentOrInDoubt = byState.getOrDefault(EmailState.SENT, 0) + byState.getOrDefault(EmailState.SENDING, 0);
    Optional<String> newly =
        dsl.transactionResult(tx -> {
          var finished =
              tx.dsl().update(BULK_SENDS)
                  .set(BULK_SENDS.FINISHED_AT, now())
                  .where(BULK_SENDS.ID.eq(id))
                  .and(BULK_SENDS.FINISHED_AT.isNull())
                  .returning(BULK_SENDS.ORG_ID, BULK_SENDS.CREATED_AT)
                  .fetchOptional();
          if (finished.isPresent() && BulkSendWorkflow.CANCELLED.equals(status)) {
            reservations.release(
                tx.dsl(), finished.get().getOrgId(), finished.get().getCreatedAt(), total - counters.done(),
                total - sentOrInDoubt);
          }
          return finished.map(r -> r.getOrgId());
        });
    return new Finished(counters, newly);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
