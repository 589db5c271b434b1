package io.workerplatform.filings;

import static io.workerplatform.db.Tables.FILINGS;

import io.workerplatform.common.Ids;
import io.workerplatform.common.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** An organization's filings: what is due when, how far along it is, and who prepares it. */
public class FilingStore {
  public static final List<String> STATUSES = List.of("DRAFT", "PREPARED", "FILED");

  public record Filing(
      String id, String title, String kind, LocalDate dueDate, String status, List<String> assigneeIds,
      Instant createdAt, Instant updatedAt) {}

  /** A new filing, or the fields a change sets (null: unchanged). */
  public record Fields(String title, String kind, LocalDate dueDate, String status, List<String> assigneeIds) {}

  private final DSLContext dsl;
  private final Clock clock;

  public FilingStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  public Filing create(String orgId, Fields fields) {
    OffsetDateTime now = now();
    String id = Ids.newInternalId("fil");
    dsl.insertInto(FILINGS)
        .set(FILINGS.ID, id)
        .set(FILINGS.ORG_ID, orgId)
        .set(FILINGS.TITLE, fields.title())
        .set(FILINGS.KIND, fields.kind())
        .set(FILINGS.DUE_DATE, fields.dueDate())
        .set(FILINGS.STATUS, fields.status() == null ? "DRAFT" : fields.status())
        .set(FILINGS.ASSIGNEE_IDS, assignees(fields.assigneeIds()))
        .set(FILINGS.CREATED_AT, now)
        .set(FILINGS.UPDATED_AT, now)
        .execute();
    return find(orgId, id).orElseThrow();
  }

  public Optional<Filing> find(String orgId, String id) {
    return dsl.selectFrom(FILINGS).where(FILINGS.ID.eq(id)).and(FILINGS.ORG_ID.eq(orgId)).fetchOptional(FilingStore::filing);
  }

  /** Newest first; {@code status} null: all. */
  public Page<Filing> list(String orgId, String status, int limit, Optional<Page.After> after) {
    Condition page = after.map(a -> DSL.row(FILINGS.CREATED_AT, FILINGS.ID).lt(a.createdAt(), a.id()))
        .orElse(DSL.noCondition());
    List<Record> rows = dsl.selectFrom(FILINGS)
        .where(FILINGS.ORG_ID.eq(orgId))
        .and(status == null ? DSL.noCondition() : FILINGS.STATUS.eq(status))
        .and(page)
        .orderBy(FILINGS.CREATED_AT.desc(), FILINGS.ID.desc())
        .limit(limit + 1)
        .fetch()
        .map(r -> (Record) r);
    return Page.of(rows, limit, r -> r.get(FILINGS.CREATED_AT), r -> r.get(FILINGS.ID), FilingStore::filing);
  }

  /** Sets the given fields; empty when the organization has no such filing. */
  public Optional<Filing> update(String orgId, String id, Fields fields) {
    var update = dsl.update(FILINGS).set(FILINGS.UPDATED_AT, now());
    if (fields.title() != null) {
      update = update.set(FILINGS.TITLE, fields.title());
    }
    if (fields.kind() != null) {
      update = update.set(FILINGS.KIND, fields.kind());
    }
    if (fields.dueDate() != null) {
      update = update.set(FILINGS.DUE_DATE, fields.dueDate());
    }
    if (fields.status() != null) {
      update = update.set(FILINGS.STATUS, fields.status());
    }
    if (fields.assigneeIds() != null) {
      update = update.set(FILINGS.ASSIGNEE_IDS, assignees(fields.assigneeIds()));
    }
    int changed = update.where(FILINGS.ID.eq(id)).and(FILINGS.ORG_ID.eq(orgId)).execute();
    return changed == 0 ? Optional.empty() : find(orgId, id);
  }

  public boolean delete(String orgId, String id) {
    return dsl.deleteFrom(FILINGS).where(FILINGS.ID.eq(id)).and(FILINGS.ORG_ID.eq(orgId)).execute() == 1;
  }

  /** The filing's assignees, read on {@code dsl}; empty when it is not the organization's. */
  static List<String> assigneesOf(DSLContext dsl, String orgId, String id) {
    return dsl.select(FILINGS.ASSIGNEE_IDS).from(FILINGS).where(FILINGS.ID.eq(id)).and(FILINGS.ORG_ID.eq(orgId))
        .fetchOptional(FILINGS.ASSIGNEE_IDS).map(List::of).orElse(List.of());
  }

  private static String[] assignees(List<String> ids) {
    return ids == null ? new String[0] : ids.stream().distinct().toArray(String[]::new);
  }

  static Filing filing(Record r) {
    return new Filing(
        r.get(FILINGS.ID), r.get(FILINGS.TITLE), r.get(FILINGS.KIND), r.get(FILINGS.DUE_DATE), r.get(FILINGS.STATUS),
        List.of(r.get(FILINGS.ASSIGNEE_IDS)), r.get(FILINGS.CREATED_AT).toInstant(), r.get(FILINGS.UPDATED_AT).toInstant());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
