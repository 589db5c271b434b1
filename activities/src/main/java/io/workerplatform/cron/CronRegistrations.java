package io.workerplatform.cron;

import static io.workerplatform.db.Tables.CRON_PAUSES;
import static io.workerplatform.db.Tables.CRON_REGISTRATIONS;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The schedule each job's cron workflow runs with, as the host started it. */
public class CronRegistrations {
  private static final TypeReference<Map<String, String>> INPUT = new TypeReference<>() {};

  private final DSLContext dsl;
  private final Clock clock;
  private final JsonMapper json;

  public CronRegistrations(DSLContext dsl, Clock clock, JsonMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
  }

  public record Registration(String job, String schedule, String timeZone, Map<String, String> input) {}

  /**
   * Runs {@code body} holding a lock that every host on this database schema shares (a
   * transaction-scoped PostgreSQL advisory lock): hosts started together register their cron
   * workflows one after the other, so the second finds what the first started.
   */
  public <T> T exclusively(Supplier<T> body) {
    return dsl.transactionResult(
        tx -> {
          // No typed jOOQ function for advisory locks: the key is the schema, hashed by PostgreSQL.
          tx.dsl().execute("select pg_advisory_xact_lock(hashtext(? || current_schema()))", LOCK_NAME);
          return body.get();
        });
  }

  private static final String LOCK_NAME = "worker-platform/cron-registrations/";

  public Optional<Registration> find(String job) {
    return dsl.selectFrom(CRON_REGISTRATIONS)
        .where(CRON_REGISTRATIONS.JOB.eq(job))
        .fetchOptional(r -> new Registration(r.getJob(), r.getSchedule(), r.getTimeZone(), input(r.getInput())));
  }

  public List<String> jobs() {
    return dsl.select(CRON_REGISTRATIONS.JOB).from(CRON_REGISTRATIONS).fetch(CRON_REGISTRATIONS.JOB);
  }

  public void save(Registration registration, String workflowId) {
    JSONB input = JSONB.jsonb(write(registration.input()));
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    dsl.insertInto(CRON_REGISTRATIONS)
        .set(CRON_REGISTRATIONS.JOB, registration.job())
        .set(CRON_REGISTRATIONS.WORKFLOW_ID, workflowId)
        .set(CRON_REGISTRATIONS.SCHEDULE, registration.schedule())
        .set(CRON_REGISTRATIONS.TIME_ZONE, registration.timeZone())
        .set(CRON_REGISTRATIONS.INPUT, input)
        .set(CRON_REGISTRATIONS.REGISTERED_AT, now)
        .onConflict(CRON_REGISTRATIONS.JOB)
        .doUpdate()
        .set(CRON_REGISTRATIONS.WORKFLOW_ID, workflowId)
        .set(CRON_REGISTRATIONS.SCHEDULE, registration.schedule())
        .set(CRON_REGISTRATIONS.TIME_ZONE, registration.timeZone())
        .set(CRON_REGISTRATIONS.INPUT, input)
        .set(CRON_REGISTRATIONS.REGISTERED_AT, now)
        .execute();
  }

  public void delete(String job) {
    dsl.deleteFrom(CRON_REGISTRATIONS).where(CRON_REGISTRATIONS.JOB.eq(job)).execute();
  }

  /** The jobs paused through the API, with when; kept until resumed, whatever the configuration. */
  public Map<String, OffsetDateTime> paused() {
    return dsl.selectFrom(CRON_PAUSES).fetchMap(CRON_PAUSES.JOB, CRON_PAUSES.PAUSED_AT);
  }

  public void pause(String job) {
    dsl.insertInto(CRON_PAUSES)
        .set(CRON_PAUSES.JOB, job)
        .set(CRON_PAUSES.PAUSED_AT, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
        .onConflictDoNothing()
        .execute();
  }

  public void resume(String job) {
    dsl.deleteFrom(CRON_PAUSES).where(CRON_PAUSES.JOB.eq(job)).execute();
  }

  private Map<String, String> input(JSONB value) {
    return value == null ? Map.of() : json.readValue(value.data(), INPUT);
  }

  private String write(Map<String, String> input) {
    return json.writeValueAsString(input == null ? Map.of() : input);
  }
}
