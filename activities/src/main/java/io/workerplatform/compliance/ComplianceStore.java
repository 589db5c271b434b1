package io.workerplatform.compliance;

import static io.workerplatform.db.Tables.COMPLIANCE_REQUIREMENTS;
import static io.workerplatform.db.Tables.COMPLIANCE_RUNS;

import io.workerplatform.common.Ids;
import io.workerplatform.common.Page;
import io.workerplatform.compliance.ComplianceSource.Requirements;
import io.workerplatform.outbox.OutboxTable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Organizations' compliance requirements and the runs that scored them. */
public class ComplianceStore {
  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";

  /** A manual run, started by the API after its commit; the relay starts one left unstarted. */
  public static final OutboxTable OUTBOX = new OutboxTable(
      COMPLIANCE_RUNS, COMPLIANCE_RUNS.ID, COMPLIANCE_RUNS.ORG_ID, COMPLIANCE_RUNS.CREATED_AT,
      COMPLIANCE_RUNS.WORKFLOW_STARTED_AT, now -> COMPLIANCE_RUNS.TRIGGER.eq("MANUAL"), List.of());

  /** A run as the API shows it. */
  public record Run(
      String id, String trigger, String status, Integer score, String level, List<Map<String, Object>> issues,
      List<String> recommendations, Map<String, Long> counts, String failureReason, Instant createdAt,
      Instant computedAt) {}

  /** The run asked for: {@code created} false when one was running already (that one). */
  public record Started(Run run, boolean created) {}

  private static final TypeReference<List<Map<String, Object>>> ISSUES = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {};

  private final DSLContext dsl;
  private final Clock clock;
  private final JsonMapper json;

  public ComplianceStore(DSLContext dsl, Clock clock, JsonMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
  }

  public Requirements requirements(String orgId) {
    return dsl.selectFrom(COMPLIANCE_REQUIREMENTS).where(COMPLIANCE_REQUIREMENTS.ORG_ID.eq(orgId))
        .fetchOptional(r -> new Requirements(List.of(r.getProfileDocumentKinds()), List.of(r.getContactDocumentKinds())))
        .orElse(Requirements.NONE);
  }

  public Requirements setRequirements(String orgId, Requirements requirements) {
    String[] profiles = requirements.profileDocumentKinds().toArray(String[]::new);
    String[] contacts = requirements.contactDocumentKinds().toArray(String[]::new);
    dsl.insertInto(COMPLIANCE_REQUIREMENTS)
        .set(COMPLIANCE_REQUIREMENTS.ORG_ID, orgId)
        .set(COMPLIANCE_REQUIREMENTS.PROFILE_DOCUMENT_KINDS, profiles)
        .set(COMPLIANCE_REQUIREMENTS.CONTACT_DOCUMENT_KINDS, contacts)
        .set(COMPLIANCE_REQUIREMENTS.UPDATED_AT, now())
        .onConflict(COMPLIANCE_REQUIREMENTS.ORG_ID)
        .doUpdate()
        .set(COMPLIANCE_REQUIREMENTS.PROFILE_DOCUMENT_KINDS, profiles)
        .set(COMPLIANCE_REQUIREMENTS.CONTACT_DOCUMENT_KINDS, contacts)
        .set(COMPLIANCE_REQUIREMENTS.UPDATED_AT, now())
        .execute();
    return requirements(orgId);
  }

  /**
   * A new run {@code RUNNING} of {@code trigger}, or the organization's running one: one runs at a
   * time (a unique index holds that across hosts).
   */
  public Started start(String orgId, String trigger) {
    String id = Ids.newInternalId("cmp");
    int inserted = dsl.insertInto(COMPLIANCE_RUNS)
        .set(COMPLIANCE_RUNS.ID, id)
        .set(COMPLIANCE_RUNS.ORG_ID, orgId)
        .set(COMPLIANCE_RUNS.TRIGGER, trigger)
        .set(COMPLIANCE_RUNS.STATUS, RUNNING)
        .set(COMPLIANCE_RUNS.CREATED_AT, now())
        .onConflictDoNothing()
        .execute();
    if (inserted == 1) {
      return new Started(find(orgId, id).orElseThrow(), true);
    }
    return dsl.selectFrom(COMPLIANCE_RUNS).where(COMPLIANCE_RUNS.ORG_ID.eq(orgId)).and(COMPLIANCE_RUNS.STATUS.eq(RUNNING))
        .fetchOptional(this::run)
        .map(running -> new Started(running, false))
        .orElseGet(() -> start(orgId, trigger)); // it ended meanwhile
  }

  public Optional<Run> find(String orgId, String id) {
    return dsl.selectFrom(COMPLIANCE_RUNS).where(COMPLIANCE_RUNS.ID.eq(id)).and(COMPLIANCE_RUNS.ORG_ID.eq(orgId))
        .fetchOptional(this::run);
  }

  /** The organization's latest completed run. */
  public Optional<Run> latest(String orgId) {
    return latestBefore(orgId, null);
  }

  /** The latest completed run before {@code runId} (any when null): the level a new one is compared with. */
  Optional<Run> latestBefore(String orgId, String runId) {
    return dsl.selectFrom(COMPLIANCE_RUNS)
        .where(COMPLIANCE_RUNS.ORG_ID.eq(orgId))
        .and(COMPLIANCE_RUNS.STATUS.eq(COMPLETED))
        .and(runId == null ? DSL.noCondition() : COMPLIANCE_RUNS.ID.ne(runId))
        .orderBy(COMPLIANCE_RUNS.COMPUTED_AT.desc(), COMPLIANCE_RUNS.ID.desc())
        .limit(1)
        .fetchOptional(this::run);
  }

  /** Every run, newest first: completed, failed and running. */
  public Page<Run> history(String orgId, int limit, Optional<Page.After> after) {
    Condition page = after.map(a -> DSL.row(COMPLIANCE_RUNS.CREATED_AT, COMPLIANCE_RUNS.ID).lt(a.createdAt(), a.id()))
        .orElse(DSL.noCondition());
    List<Record> rows = dsl.selectFrom(COMPLIANCE_RUNS)
        .where(COMPLIANCE_RUNS.ORG_ID.eq(orgId)).and(page)
        .orderBy(COMPLIANCE_RUNS.CREATED_AT.desc(), COMPLIANCE_RUNS.ID.desc())
        .limit(limit + 1)
        .fetch().map(r -> (Record) r);
    return Page.of(rows, limit, r -> r.get(COMPLIANCE_RUNS.CREATED_AT), r -> r.get(COMPLIANCE_RUNS.ID), this::run);
  }

  /** Writes the run's score; false when it was not running (computed or failed already). */
  boolean complete(String orgId, String id, ComplianceScore score) {
    return dsl.update(COMPLIANCE_RUNS)
        .set(COMPLIANCE_RUNS.STATUS, COMPLETED)
        .set(COMPLIANCE_RUNS.SCORE, score.score())
        .set(COMPLIANCE_RUNS.LEVEL, score.level())
        .set(COMPLIANCE_RUNS.ISSUES, JSONB.jsonb(json.writeValueAsString(score.issues())))
        .set(COMPLIANCE_RUNS.RECOMMENDATIONS, JSONB.jsonb(json.writeValueAsString(score.recommendations())))
        .set(COMPLIANCE_RUNS.COUNTS, JSONB.jsonb(json.writeValueAsString(score.counts())))
        .set(COMPLIANCE_RUNS.COMPUTED_AT, now())
        .where(COMPLIANCE_RUNS.ID.eq(id)).and(COMPLIANCE_RUNS.ORG_ID.eq(orgId)).and(COMPLIANCE_RUNS.STATUS.eq(RUNNING))
        .execute() == 1;
  }

  void fail(String orgId, String id, String reason) {
    dsl.update(COMPLIANCE_RUNS)
        .set(COMPLIANCE_RUNS.STATUS, FAILED)
        .set(COMPLIANCE_RUNS.FAILURE_REASON, reason)
        .set(COMPLIANCE_RUNS.COMPUTED_AT, now())
        .where(COMPLIANCE_RUNS.ID.eq(id)).and(COMPLIANCE_RUNS.ORG_ID.eq(orgId)).and(COMPLIANCE_RUNS.STATUS.eq(RUNNING))
        .execute();
  }

  private Run run(Record r) {
    JSONB issues = r.get(COMPLIANCE_RUNS.ISSUES);
    JSONB recommendations = r.get(COMPLIANCE_RUNS.RECOMMENDATIONS);
    JSONB counts = r.get(COMPLIANCE_RUNS.COUNTS);
    OffsetDateTime computed = r.get(COMPLIANCE_RUNS.COMPUTED_AT);
    return new Run(
        r.get(COMPLIANCE_RUNS.ID), r.get(COMPLIANCE_RUNS.TRIGGER), r.get(COMPLIANCE_RUNS.STATUS),
        r.get(COMPLIANCE_RUNS.SCORE), r.get(COMPLIANCE_RUNS.LEVEL),
        issues == null ? List.of() : json.readValue(issues.data(), ISSUES),
        recommendations == null ? List.of() : json.readValue(recommendations.data(), STRINGS),
        counts == null ? Map.of() : json.readValue(counts.data(), COUNTS),
        r.get(COMPLIANCE_RUNS.FAILURE_REASON), r.get(COMPLIANCE_RUNS.CREATED_AT).toInstant(),
        computed == null ? null : computed.toInstant());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
