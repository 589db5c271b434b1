package io.workerplatform.petitions;

import java.util.List;
import io.workerplatform.outbox.OutboxTable;
import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;

import io.workerplatform.common.ConflictException;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Organizations;
import io.workerplatform.db.tables.records.PetitionsRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import java.util.Optional;

/**
 * What happens to a petition after it is created: comments, completion. Each change runs on the
 * context it is given, so the API can store the change and its event in one transaction.
 */
public class PetitionStore {
  public static final String OPEN = "OPEN";
  public static final String COMPLETED = "COMPLETED";
  public static final String CLOSED = "CLOSED";

  /**
   * Open petitions whose closing time their timer has not been given (Temporal was unreachable
   * when it changed): pending while {@code closes_at} differs from {@code close_scheduled_at},
   * which the starter sets to the time it gave.
   */
  public static final OutboxTable CLOSING_OUTBOX =
      new OutboxTable(PETITIONS, PETITIONS.ID, PETITIONS.ORG_ID, PETITIONS.CREATED_AT, null,
          now -> PETITIONS.STATUS.eq(OPEN).and(PETITIONS.CLOSES_AT.isDistinctFrom(PETITIONS.CLOSE_SCHEDULED_AT)),
          List.of(PETITIONS.CLOSES_AT));

  /** Reminders every {@code everyDays} days, at most {@code max} of them. */
  public record ReminderPlan(int everyDays, int max) {}

  /** A petition as the API shows it. */
  public record Petition(
      String id, String orgId, String title, String status, ReminderPlan reminders, Instant closesAt,
      Instant closedAt, Instant createdAt) {}

  private final DSLContext dsl;
  private final Clock clock;

  public PetitionStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** The same store on {@code tx}. */
  public PetitionStore in(DSLContext tx) {
    return new PetitionStore(tx, clock);
  }

  /**
   * Creates an open petition, with a reminder plan and a closing time if given.
   *
   * @throws io.workerplatform.common.NotFoundException when the organization does not exist
   */
  public Petition create(String orgId, String title, ReminderPlan reminders, Instant closesAt) {
    String id = Ids.newId("pet");
    return Organizations.writingFor(orgId, () ->
        dsl.insertInto(PETITIONS)
            .set(PETITIONS.ID, id)
            .set(PETITIONS.ORG_ID, orgId)
            .set(PETITIONS.TITLE, title)
            .set(PETITIONS.STATUS, OPEN)
            .set(PETITIONS.REMINDER_EVERY_DAYS, reminders == null ? null : reminders.everyDays())
            .set(PETITIONS.REMINDER_MAX, reminders == null ? null : reminders.max())
            .set(PETITIONS.CLOSES_AT, closesAt == null ? null : closesAt.atOffset(ZoneOffset.UTC))
            .set(PETITIONS.CREATED_AT, now())
            .returning()
            .fetchSingle(PetitionStore::petition));
  }

  /** An open petition without reminders or closing time. */
  public Petition create(String orgId, String title) {
    return create(orgId, title, null, null);
  }

  /** The petition, when the organization has it and it is not deleted. */
  public Optional<Petition> find(String orgId, String petitionId) {
    return dsl.selectFrom(PETITIONS)
        .where(PETITIONS.ID.eq(petitionId))
        .and(PETITIONS.ORG_ID.eq(orgId))
        .and(PETITIONS.DELETED_AT.isNull())
        .fetchOptional(PetitionStore::petition);
  }

  /**
   * Changes an open petition's reminder plan and closing time: a present {@code Optional} sets
   * (an empty one inside clears), null leaves it as it is.
   *
   * @throws NotFoundException for a petition the organization does not have
   * @throws ConflictException when the petition is no longer open
   */
  public Petition change(
      String orgId, String petitionId, Optional<ReminderPlan> reminders, Optional<Instant> closesAt) {
    PetitionsRecord petition = open(orgId, petitionId);
    if (reminders != null) {
      petition.setReminderEveryDays(reminders.map(ReminderPlan::everyDays).orElse(null));
      petition.setReminderMax(reminders.map(ReminderPlan::max).orElse(null));
    }
    if (closesAt != null) {
      petition.setClosesAt(closesAt.map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null));
    }
    petition.store();
    return petition(petition);
  }

  /** Notes that the petition's timer was given {@code closesAt} (null: cancelled). */
  public void closeScheduled(String petitionId, Instant closesAt) {
    dsl.update(PETITIONS)
        .set(PETITIONS.CLOSE_SCHEDULED_AT, closesAt == null ? null : closesAt.atOffset(ZoneOffset.UTC))
        .where(PETITIONS.ID.eq(petitionId))
        .execute();
  }

  /**
   * Records a contact's reply to an open petition; {@code fieldsJson} is the reply's fields as a
   * JSON object.
   *
   * @throws NotFoundException for a petition or contact the organization does not have
   * @throws ConflictException when the petition is no longer open
   */
  public String reply(String orgId, String petitionId, String contactId, String fieldsJson) {
    open(orgId, petitionId);
    requireContact(orgId, contactId);
    String id = Ids.newId("rep");
    dsl.insertInto(PETITION_REPLIES)
        .set(PETITION_REPLIES.ID, id)
        .set(PETITION_REPLIES.ORG_ID, orgId)
        .set(PETITION_REPLIES.PETITION_ID, petitionId)
        .set(PETITION_REPLIES.CONTACT_ID, contactId)
        .set(PETITION_REPLIES.BODY, fieldsJson)
        .set(PETITION_REPLIES.CREATED_AT, now())
        .execute();
    return id;
  }

  private void requireContact(String orgId, String contactId) {
    ContactStore.requireActive(dsl, orgId, contactId);
  }

  /** The petition, locked, when it is still open. */
  private PetitionsRecord open(String orgId, String petitionId) {
    PetitionsRecord petition = petition(orgId, petitionId);
    if (!OPEN.equals(petition.getStatus())) {
      throw new ConflictException("status", "petition " + petitionId + " is " + petition.getStatus());
    }
    return petition;
  }

  private static Petition petition(PetitionsRecord r) {
    return new Petition(
        r.getId(), r.getOrgId(), r.getTitle(), r.getStatus(),
        r.getReminderEveryDays() == null ? null : new ReminderPlan(r.getReminderEveryDays(), r.getReminderMax()),
        r.getClosesAt() == null ? null : r.getClosesAt().toInstant(),
        r.getClosedAt() == null ? null : r.getClosedAt().toInstant(),
        r.getCreatedAt().toInstant());
  }

  /** The petition's title (deleted or not), read on {@code dsl}; empty when the organization has none by this id. */
  public static Optional<String> title(DSLContext dsl, String orgId, String petitionId) {
    return dsl.select(PETITIONS.TITLE)
        .from(PETITIONS)
        .where(PETITIONS.ID.eq(petitionId))
        .and(PETITIONS.ORG_ID.eq(orgId))
        .fetchOptional(PETITIONS.TITLE);
  }

  /** Whether the organization has this petition (not deleted). */
  public boolean exists(String orgId, String petitionId) {
    return dsl.fetchExists(
        PETITIONS, PETITIONS.ID.eq(petitionId).and(PETITIONS.ORG_ID.eq(orgId)).and(PETITIONS.DELETED_AT.isNull()));
  }

  /**
   * Adds a comment to the petition; {@code contactId}, when given, must be a contact of the
   * organization.
   *
   * @throws NotFoundException for a petition or contact the organization does not have
   */
  public String comment(String orgId, String petitionId, String contactId, String authorName, String body) {
    petition(orgId, petitionId);
    if (contactId != null) {
      requireContact(orgId, contactId);
    }
    String id = Ids.newId("cmt");
    dsl.insertInto(PETITION_COMMENTS)
        .set(PETITION_COMMENTS.ID, id)
        .set(PETITION_COMMENTS.ORG_ID, orgId)
        .set(PETITION_COMMENTS.PETITION_ID, petitionId)
        .set(PETITION_COMMENTS.CONTACT_ID, contactId)
        .set(PETITION_COMMENTS.AUTHOR_NAME, authorName)
        .set(PETITION_COMMENTS.BODY, body)
        .set(PETITION_COMMENTS.CREATED_AT, now())
        .execute();
    return id;
  }

  /**
   * Completes an open petition. True when this call completed it, false when it was completed
   * before (completing is idempotent).
   *
   * @throws ConflictException when the petition is closed
   */
  public boolean complete(String orgId, String petitionId) {
    String status = petition(orgId, petitionId).getStatus(); // locked: nobody changes it meanwhile
    if (COMPLETED.equals(status)) {
      return false;
    }
    if (!OPEN.equals(status)) {
      throw new ConflictException("status", "petition " + petitionId + " is " + status);
    }
    dsl.update(PETITIONS).set(PETITIONS.STATUS, COMPLETED).where(PETITIONS.ID.eq(petitionId)).execute();
    return true;
  }

  /** The petition, locked for this transaction's change, when the organization has it and it is not deleted. */
  private PetitionsRecord petition(String orgId, String petitionId) {
    return dsl.selectFrom(PETITIONS)
        .where(PETITIONS.ID.eq(petitionId))
        .and(PETITIONS.ORG_ID.eq(orgId))
        .and(PETITIONS.DELETED_AT.isNull())
        .forUpdate()
        .fetchOptional()
        .orElseThrow(() -> new NotFoundException("petition", petitionId));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
