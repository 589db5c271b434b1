package io.workerplatform.gdpr;

import io.workerplatform.contacts.ContactStore;
import io.workerplatform.members.MemberStore;
import io.workerplatform.outbox.OutboxTable;
import static io.workerplatform.db.Tables.EXPORTS;

import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Organizations;
import io.workerplatform.db.tables.records.ExportsRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The exports table: what was asked, where it stands, where its archive lies and until when. */
public class ExportStore {
  /** Exports whose workflow must be started: {@code gdpr-export/<id>}. */
  public static final OutboxTable OUTBOX =
      OutboxTable.of(EXPORTS, EXPORTS.ID, EXPORTS.ORG_ID, EXPORTS.CREATED_AT, EXPORTS.WORKFLOW_STARTED_AT, EXPORTS.CONTACT_ID);

  private final DSLContext dsl;
  private final Clock clock;

  public ExportStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  public record Export(
      String id, String orgId, String contactId, String status, Long sizeBytes, String sha256,
      String error, String storageKey, OffsetDateTime createdAt, OffsetDateTime completedAt,
      OffsetDateTime expiresAt, String memberId) {}

  /**
   * Stores a new {@code PENDING} export of the organization, or of one of its contacts.
   *
   * @throws NotFoundException when the organization or the contact is not there
   */
  public Export create(String orgId, String contactId) {
    return create(orgId, contactId, null);
  }

  /**
   * Stores a new {@code PENDING} export of the organization, one of its contacts or one of its
   * members (deleted ones included: their data is still there until anonymized).
   *
   * @throws NotFoundException when the organization, the contact or the member is not there
   */
  public Export create(String orgId, String contactId, String memberId) {
    if (memberId != null && !MemberStore.exists(dsl, orgId, memberId)) {
      throw new NotFoundException("member", memberId);
    }
    if (contactId != null && !ContactStore.exists(dsl, orgId, contactId)) {
      throw new NotFoundException("contact", contactId);
    }
    String id = Ids.newId("exp");
    return Organizations.writingFor(orgId, () ->
        dsl.insertInto(EXPORTS)
            .set(EXPORTS.ID, id)
            .set(EXPORTS.ORG_ID, orgId)
            .set(EXPORTS.CONTACT_ID, contactId)
            .set(EXPORTS.MEMBER_ID, memberId)
            .set(EXPORTS.STATUS, ExportResult.PENDING)
            .set(EXPORTS.CREATED_AT, now())
            .returning()
            .fetchOne(ExportStore::export));
  }

  public Optional<Export> find(String id) {
    return dsl.selectFrom(EXPORTS).where(EXPORTS.ID.eq(id)).fetchOptional(ExportStore::export);
  }

  /** The export, if it belongs to organization {@code orgId}. */
  public Optional<Export> find(String orgId, String id) {
    return dsl.selectFrom(EXPORTS)
        .where(EXPORTS.ID.eq(id).and(EXPORTS.ORG_ID.eq(orgId)))
        .fetchOptional(ExportStore::export);
  }

  /** {@code PENDING -> PROCESSING}; false when the export is in neither (or not there). */
  boolean markProcessing(String id) {
    return dsl.update(EXPORTS)
            .set(EXPORTS.STATUS, ExportResult.PROCESSING)
            .set(EXPORTS.STARTED_AT, DSL.coalesce(EXPORTS.STARTED_AT, DSL.val(now())))
            .where(EXPORTS.ID.eq(id))
            .and(EXPORTS.STATUS.in(ExportResult.PENDING, ExportResult.PROCESSING))
            .execute()
        == 1;
  }

  void complete(String id, String storageKey, long sizeBytes, String sha256, Duration keptFor) {
    OffsetDateTime now = now();
    dsl.update(EXPORTS)
        .set(EXPORTS.STATUS, ExportResult.COMPLETED)
        .set(EXPORTS.STORAGE_KEY, storageKey)
        .set(EXPORTS.SIZE_BYTES, sizeBytes)
        .set(EXPORTS.SHA256, sha256)
        .set(EXPORTS.COMPLETED_AT, now)
        .set(EXPORTS.EXPIRES_AT, now.plus(keptFor))
        .where(EXPORTS.ID.eq(id))
        .execute();
  }

  void fail(String id, String reason) {
    dsl.update(EXPORTS)
        .set(EXPORTS.STATUS, ExportResult.FAILED)
        .set(EXPORTS.ERROR, reason)
        .where(EXPORTS.ID.eq(id))
        .and(EXPORTS.STATUS.ne(ExportResult.COMPLETED))
        .execute();
  }

  private static Export export(ExportsRecord r) {
    return new Export(
        r.getId(), r.getOrgId(), r.getContactId(), r.getStatus(), r.getSizeBytes(), r.getSha256(),
        r.getError(), r.getStorageKey(), r.getCreatedAt(), r.getCompletedAt(), r.getExpiresAt(), r.getMemberId());
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
