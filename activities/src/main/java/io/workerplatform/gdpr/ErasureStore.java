package io.workerplatform.gdpr;

import io.workerplatform.contacts.ContactStore;
import io.workerplatform.outbox.OutboxTable;
import static io.workerplatform.db.Tables.ERASURES;

import io.workerplatform.common.CountsJson;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.db.tables.records.ErasuresRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import tools.jackson.databind.json.JsonMapper;

/** The erasures asked for: one row per contact, what the API answers from. */
public class ErasureStore {
  /** Erasures whose workflow must be started: {@code erasure/<contactId>}. */
  public static final OutboxTable OUTBOX =
      OutboxTable.of(ERASURES, ERASURES.CONTACT_ID, ERASURES.ORG_ID, ERASURES.REQUESTED_AT, ERASURES.WORKFLOW_STARTED_AT);

  private final DSLContext dsl;
  private final Clock clock;
  private final JsonMapper json;

  public ErasureStore(DSLContext dsl, Clock clock, JsonMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
  }

  public record Erasure(
      String contactId, String orgId, String status, Map<String, Long> counts, String error,
      OffsetDateTime requestedAt, OffsetDateTime finishedAt) {}

  /**
   * Records the request ({@code PENDING}; asking again re-opens a finished one, which then runs
   * again and changes nothing).
   *
   * @throws NotFoundException when the contact is not one of the organization's
   */
  public Erasure request(String orgId, String contactId) {
    if (!ContactStore.exists(dsl, orgId, contactId)) {
      throw new NotFoundException("contact", contactId);
    }
    return dsl.insertInto(ERASURES)
        .set(ERASURES.CONTACT_ID, contactId)
        .set(ERASURES.ORG_ID, orgId)
        .set(ERASURES.STATUS, ErasureResult.PENDING)
        .set(ERASURES.REQUESTED_AT, now())
        .onConflict(ERASURES.CONTACT_ID)
        .doUpdate()
        .set(ERASURES.STATUS, ErasureResult.PENDING)
        .set(ERASURES.REQUESTED_AT, now())
        .set(ERASURES.WORKFLOW_STARTED_AT, (OffsetDateTime) null)
        .set(ERASURES.ERROR, (String) null)
        .returning()
        .fetchOne(this::erasure);
  }

  public Optional<Erasure> find(String orgId, String contactId) {
    return dsl.selectFrom(ERASURES)
        .where(ERASURES.CONTACT_ID.eq(contactId).and(ERASURES.ORG_ID.eq(orgId)))
        .fetchOptional(this::erasure);
  }

  /** Records the outcome; an erasure started by hand (CLI) gets its row here. */
  void finish(String orgId, String contactId, String status, Map<String, Long> counts, String error) {
    OffsetDateTime now = now();
    Field<JSONB> counted = CountsJson.field(counts);
    dsl.insertInto(ERASURES)
        .set(ERASURES.CONTACT_ID, contactId)
        .set(ERASURES.ORG_ID, orgId)
        .set(ERASURES.STATUS, status)
        .set(ERASURES.COUNTS, counted)
        .set(ERASURES.ERROR, error)
        .set(ERASURES.REQUESTED_AT, now)
        .set(ERASURES.WORKFLOW_STARTED_AT, now)
        .set(ERASURES.FINISHED_AT, now)
        .onConflict(ERASURES.CONTACT_ID)
        .doUpdate()
        .set(ERASURES.STATUS, status)
        .set(ERASURES.COUNTS, counted)
        .set(ERASURES.ERROR, error)
        .set(ERASURES.FINISHED_AT, now)
        .execute();
  }

  private Erasure erasure(ErasuresRecord r) {
    return new Erasure(
        r.getContactId(), r.getOrgId(), r.getStatus(),
        r.getCounts() == null ? Map.of() : CountsJson.read(json, r.getCounts().data()),
        r.getError(), r.getRequestedAt(), r.getFinishedAt());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
