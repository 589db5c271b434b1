package io.workerplatform.petitions;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.db.tables.records.PetitionsRecord;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * What happens to a petition after it is created: comments, completion. Each change runs on the
 * context it is given, so the API can store the change and its event in one transaction.
 */
public class PetitionStore {
  public static final String OPEN = "OPEN";
  public static final String COMPLETED = "COMPLETED";
  public static final String CLOSED = "CLOSED";

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
    if (contactId != null
        && !dsl.fetchExists(
            CONTACTS, CONTACTS.ID.eq(contactId).and(CONTACTS.ORG_ID.eq(orgId)).and(CONTACTS.DELETED_AT.isNull()))) {
      throw new NotFoundException("contact", contactId);
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
