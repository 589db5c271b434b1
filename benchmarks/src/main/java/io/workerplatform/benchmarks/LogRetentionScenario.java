package io.workerplatform.benchmarks;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario {@code log-retention}: the platform's own log tables holding N rows past their
 * retention (ended webhook deliveries with one attempt each, processed domain events, decided
 * email messages with the application's requests of half of them, SES events, cron runs) beside a
 * tenth as many recent or running rows that must stay, deleted by the cron job {@code anonymizer}
 * through a worker host (its own JVM, embedded mode). Prints rows/s, the longest batch
 * transaction, the host's peak RSS, that no kept row went, and the ceiling: the same rows deleted by
 * one set-based DELETE per table.
 */
public final class LogRetentionScenario {
  private static final Pattern WORKFLOW_ID = Pattern.compile("\"workflowId\":\"([^\"]+)\"");
  private static final List<String> STEPS =
      List.of("webhook-deliveries", "email-messages", "ses-events", "domain-events", "cron-runs");

  private final int rows = Integer.getInteger("rows", 1_000_000);
  private final int batchSize = Integer.getInteger("batch.size", 500);
  private final int parallelism = Integer.getInteger("parallelism", 2);

  void run() throws Exception {
    System.out.printf("scenario log-retention: %d log rows due, batch size %d, parallelism %d, host heap %s%n",
        rows, batchSize, parallelism, HostProcess.HEAP);
    String schema = "bench_logs_" + System.currentTimeMillis();
    long deleted;
    double seconds;
    long longest;
    long batches;
    long rss;
    Map<String, Long> kept;
    try (HostProcess host = HostProcess.start(schema, List.of(
        "--platform.cron.jobs.anonymizer.input.batchSize=" + batchSize,
        "--platform.cron.jobs.anonymizer.input.parallelism=" + parallelism))) {
      String base = "http://127.0.0.1:" + host.httpPort;
      AdminApi.post(base + "/api/orgs", "{\"id\":\"bench\",\"name\":\"Bench\"}");
      Map<String, Long> keptBefore = seed(schema, rows);
      long before = logRows(schema);
      CpuUse cpu = CpuUse.of(host);
      long start = System.nanoTime();
      Matcher id = WORKFLOW_ID.matcher(AdminApi.post(base + "/api/cron/anonymizer/run", ""));
      if (!id.find()) {
        throw new IllegalStateException("no workflow id from the manual run");
      }
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + host.temporalPort).build());
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = WorkflowClient.newInstance(stubs).newUntypedWorkflowStub(id.group(1))
            .getResult(2, TimeUnit.HOURS, Map.class);
        seconds = (System.nanoTime() - start) / 1e9;
        if (!"SUCCEEDED".equals(result.get("outcome"))) {
          throw new IllegalStateException("anonymizer run " + result.get("outcome") + ": " + result.get("error"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Number> counts = (Map<String, Number>) result.get("counts");
        deleted = STEPS.stream().mapToLong(step -> counts.get(step).longValue()).sum();
        longest = counts.get("longest-batch-ms").longValue();
        batches = counts.get("batches").longValue();
        System.out.printf("deleted %d in %.1f s, counts %s; CPU ms per 1,000 rows: %s%n",
            deleted, seconds, counts, cpu.since((int) Math.max(1, deleted / 1000)));
      } finally {
        stubs.shutdownNow();
      }
      rss = host.peakRssMiB();
      kept = keptRows(schema);
      long removed = before - logRows(schema);
      System.out.printf("log rows removed, attempts and requests included: %d (the steps count %d)%n", removed, deleted);
      deleted = removed;
      if (!kept.equals(keptBefore)) {
        throw new IllegalStateException("rows that must stay went: before " + keptBefore + ", after " + kept);
      }
    } finally {
      BenchDatabase.dropSchema(schema);
    }
    double ceiling = setBasedCeiling(rows);
    double perSecond = deleted / seconds;

    System.out.println();
    System.out.println("| figure | value | target |");
    System.out.println("| --- | --- | --- |");
    System.out.printf("| log rows deleted, attempts and requests included | %d in %.1f s | %d due |%n", deleted, seconds, rows);
    System.out.printf("| rows/s, anonymizer (batches of %d, parallelism %d) | %s | |%n", batchSize, parallelism, Stats.fmt(perSecond));
    System.out.printf("| ceiling: one set-based DELETE per table | %s rows/s | |%n", Stats.fmt(ceiling));
    System.out.printf("| ratio job / ceiling | %.2f | |%n", perSecond / ceiling);
    System.out.printf("| longest batch transaction | %d ms (%d batches) | <= 1000 ms |%n", longest, batches);
    System.out.printf("| rows kept (recent, running, pending) | %s, all still there | |%n", kept);
    System.out.printf("| worker-host peak RSS | %d MiB | |%n", rss);
  }

  /**
   * {@code count} rows due, spread over the log tables (deliveries count with their attempt), and
   * a tenth as many that must stay; returns the kept rows per table.
   */
  static Map<String, Long> seed(String schema, int count) throws SQLException {
    int deliveries = count / 6;          // plus one attempt each
    int events = count / 6;              // half of them named by the deliveries above (two subscriptions)
    int messages = count / 6;            // half with the application's request
    int sesEvents = count / 12;
    int cronRuns = count - 2 * deliveries - events - messages - messages / 2 - sesEvents;
    int keep = Math.max(1, count / 10 / 5);
    long start = System.nanoTime();
    try (Connection c = BenchDatabase.connect(); Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
      s.execute("set synchronous_commit to off");
      String old = "now() - interval '400 days'";
      s.execute("insert into webhook_subscriptions (id, org_id, url, secret) values ('sub_1', 'bench', 'https://example.com/h', 'x'),"
          + " ('sub_2', 'bench', 'https://example.com/h2', 'x')");
      s.execute("insert into domain_events (id, external_id, org_id, type, payload, status, created_at, processed_at) "
          + "select 'evt_' || g, 'e' || g, 'bench', 'petition.completed', '{}', 'PROCESSED', " + old + ", " + old
          + " from generate_series(1, " + events + ") g");
      s.execute("insert into webhook_deliveries (id, event_id, subscription_id, org_id, status, attempts, created_at, updated_at) "
          + "select 'dlv_' || g, 'evt_' || (1 + (g - 1) % " + Math.max(1, events / 2) + "), 'sub_' || (1 + (g - 1) / "
          + Math.max(1, events / 2) + "), 'bench', 'DELIVERED', 1, " + old + ", " + old + " from generate_series(1, " + deliveries + ") g");
      s.execute("insert into webhook_attempts (delivery_id, org_id, number, attempt_key, outcome, started_at, duration_ms) "
          + "select id, 'bench', 1, 'k_' || id, 'DELIVERED', " + old + ", 5 from webhook_deliveries");
      s.execute("insert into email_messages (dedupe_key, org_id, address, template, state, created_at, updated_at) "
          + "select 'app/bench/m' || g, 'bench', 'm' || g || '@example.com', 'document-expiry', 'SENT', " + old + ", " + old
          + " from generate_series(1, " + messages + ") g");
      s.execute("insert into email_requests (id, org_id, dedupe_key, data, created_at) select 'eml_' || g, 'bench', "
          + "'app/bench/m' || g, '{}', " + old + " from generate_series(1, " + messages / 2 + ") g");
      s.execute("insert into email_events (sns_message_id, notification_type, ses_message_id, recipient, raw, org_id, received_at) "
          + "select 'sns_' || g, 'Delivery', 'ses_' || g, 'r' || g || '@example.com', '{}', 'bench', " + old
          + " from generate_series(1, " + sesEvents + ") g");
      s.execute("insert into cron_runs (run_id, workflow_id, job, outcome, started_at, finished_at) select 'run_' || g, "
          + "'cron/x', 'x', 'SUCCEEDED', " + old + ", " + old + " from generate_series(1, " + cronRuns + ") g");
      // the rows that must stay: recent, running, pending
      s.execute("insert into domain_events (id, external_id, org_id, type, payload, status, created_at) "
          + "select 'keep_evt_' || g, 'k' || g, 'bench', 'petition.completed', '{}', 'PROCESSING', " + old
          + " from generate_series(1, " + keep + ") g");
      s.execute("insert into webhook_deliveries (id, event_id, subscription_id, org_id, status, attempts, created_at, updated_at) "
          + "select 'keep_dlv_' || g, 'keep_evt_' || g, 'sub_1', 'bench', 'WAITING', 1, " + old + ", " + old
          + " from generate_series(1, " + keep + ") g");
      s.execute("insert into email_messages (dedupe_key, org_id, address, template, state, created_at, updated_at) "
          + "select 'app/bench/keep' || g, 'bench', 'k' || g || '@example.com', 'document-expiry', 'QUEUED', " + old + ", "
          + old + " from generate_series(1, " + keep + ") g");
      s.execute("insert into email_events (sns_message_id, notification_type, ses_message_id, recipient, raw, org_id) "
          + "select 'keep_sns_' || g, 'Delivery', 'ses_k' || g, 'k' || g || '@example.com', '{}', 'bench' "
          + "from generate_series(1, " + keep + ") g");
      s.execute("insert into cron_runs (run_id, workflow_id, job, outcome, started_at) select 'keep_run_' || g, 'cron/x', "
          + "'x', 'RUNNING', " + old + " from generate_series(1, " + keep + ") g");
      s.execute("analyze");
    }
    System.out.printf("seeded %d log rows due and %d to keep per table in %.1f s%n", count, keep,
        (System.nanoTime() - start) / 1e9);
    return keptRows(schema);
  }

  /** Every row of the log tables (deliveries' attempts and messages' requests included). */
  private static long logRows(String schema) throws SQLException {
    try (Connection c = BenchDatabase.connect(); Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
      try (ResultSet r = s.executeQuery("select (select count(*) from webhook_deliveries) + (select count(*) from webhook_attempts)"
          + " + (select count(*) from domain_events) + (select count(*) from email_messages) + (select count(*) from email_requests)"
          + " + (select count(*) from email_events) + (select count(*) from cron_runs)")) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static Map<String, Long> keptRows(String schema) throws SQLException {
    Map<String, Long> kept = new LinkedHashMap<>();
    try (Connection c = BenchDatabase.connect(); Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
      for (String[] t : new String[][] {{"domain_events", "id"}, {"webhook_deliveries", "id"}, {"email_messages", "dedupe_key"},
          {"email_events", "sns_message_id"}, {"cron_runs", "run_id"}}) {
        try (ResultSet r = s.executeQuery("select count(*) from " + t[0] + " where " + t[1] + " like 'keep%' or "
            + t[1] + " like 'app/bench/keep%'")) {
          r.next();
          kept.put(t[0], r.getLong(1));
        }
      }
    }
    return kept;
  }

  /** The same rows, then one DELETE per table (no batches, no shares, no audit rows). */
  private double setBasedCeiling(int count) throws Exception {
    String schema = "bench_logs_ceiling_" + System.currentTimeMillis();
    try (HostProcess host = HostProcess.start(schema)) { // only to migrate the schema the same way
      AdminApi.post("http://127.0.0.1:" + host.httpPort + "/api/orgs", "{\"id\":\"bench\",\"name\":\"Bench\"}");
      seed(schema, count);
    }
    try (Connection c = BenchDatabase.connect(); Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
      String due = " + interval '30 days' <= now()";
      long start = System.nanoTime();
      long changed = 0;
      changed += s.executeUpdate("delete from webhook_attempts a using webhook_deliveries d where d.id = a.delivery_id "
          + "and d.status in ('DELIVERED','FAILED','DISABLED','CANCELLED') and d.updated_at" + due);
      changed += s.executeUpdate("delete from webhook_deliveries where status in ('DELIVERED','FAILED','DISABLED','CANCELLED') "
          + "and updated_at" + due);
      changed += s.executeUpdate("delete from email_requests r using email_messages m where m.dedupe_key = r.dedupe_key "
          + "and m.state not in ('QUEUED','SENDING') and m.created_at + interval '180 days' <= now()");
      changed += s.executeUpdate("delete from email_messages where state not in ('QUEUED','SENDING') "
          + "and created_at + interval '180 days' <= now()");
      changed += s.executeUpdate("delete from email_events where received_at + interval '90 days' <= now()");
      changed += s.executeUpdate("delete from domain_events e where status in ('PROCESSED','CANCELLED','FAILED') "
          + "and processed_at" + due + " and not exists (select 1 from webhook_deliveries d where d.event_id = e.id)");
      changed += s.executeUpdate("delete from cron_runs where outcome <> 'RUNNING' and finished_at + interval '90 days' <= now()");
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("ceiling, set-based DELETEs: %d rows in %.1f s%n", changed, seconds);
      return changed / seconds;
    } finally {
      BenchDatabase.dropSchema(schema);
    }
  }
}
