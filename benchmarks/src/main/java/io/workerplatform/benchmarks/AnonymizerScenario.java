package io.workerplatform.benchmarks;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario {@code anonymizer}: N rows due for anonymization across the categories (deleted
 * petitions with their replies and comments, deleted contacts, deleted files, due scheduled
 * deletions), anonymized by the cron job through a worker host (its own JVM, embedded mode). Prints
 * rows/s, the longest batch transaction, the run's history events (also for a run a hundred times
 * smaller), the host's peak RSS, and the ceiling: the same rows anonymized by one set-based UPDATE
 * per category.
 */
public final class AnonymizerScenario {
  private static final Pattern WORKFLOW_ID = Pattern.compile("\"workflowId\":\"([^\"]+)\"");

  private final int rows = Integer.getInteger("rows", 1_000_000);
  private final int batchSize = Integer.getInteger("batch.size", 500);
  private final int parallelism = Integer.getInteger("parallelism", 2);

  record Run(long rows, double seconds, long longestBatchMs, long batches, long historyEvents, long rssMiB) {}

  void run() throws Exception {
    System.out.printf("scenario anonymizer: %d rows due, batch size %d, parallelism %d, host heap %s%n",
        rows, batchSize, parallelism, HostProcess.HEAP);
    Run small = anonymize(Math.max(rows / 100, 1_000));
    Run full = anonymize(rows);
    double ceiling = setBasedCeiling(rows);
    double perSecond = full.rows / full.seconds;

    System.out.println();
    System.out.println("| figure | value | target |");
    System.out.println("| --- | --- | --- |");
    System.out.printf("| rows anonymized | %d in %.1f s | |%n", full.rows, full.seconds);
    System.out.printf("| rows/s, cron job (batches of %d, parallelism %d) | %s | |%n", batchSize, parallelism, Stats.fmt(perSecond));
    System.out.printf("| ceiling: one set-based UPDATE per category | %s rows/s | |%n", Stats.fmt(ceiling));
    System.out.printf("| ratio job / ceiling | %.2f | >= 0.5 |%n", perSecond / ceiling);
    System.out.printf("| longest batch transaction | %d ms (%d batches) | <= 1000 ms |%n", full.longestBatchMs, full.batches);
    System.out.printf("| history events of the run, %d rows | %d | independent of rows |%n", full.rows, full.historyEvents);
    System.out.printf("| history events of the run, %d rows | %d | |%n", small.rows, small.historyEvents);
    System.out.printf("| worker-host peak RSS | %d MiB | |%n", Math.max(full.rssMiB, small.rssMiB));
  }

  private Run anonymize(int count) throws Exception {
    String schema = "bench_anon_" + System.currentTimeMillis();
    try (HostProcess host = HostProcess.start(schema, List.of(
        "--platform.cron.jobs.anonymizer.input.batchSize=" + batchSize,
        "--platform.cron.jobs.anonymizer.input.parallelism=" + parallelism))) {
      String base = "http://127.0.0.1:" + host.httpPort;
      AdminApi.post(base + "/api/orgs", "{\"id\":\"bench\",\"name\":\"Bench\"}");
      seed(schema, count);
      CpuUse cpu = CpuUse.of(host);
      long start = System.nanoTime();
      Matcher id = WORKFLOW_ID.matcher(AdminApi.post(base + "/api/cron/anonymizer/run", ""));
      if (!id.find()) {
        throw new IllegalStateException("no workflow id from the manual run");
      }
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + host.temporalPort).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = client.newUntypedWorkflowStub(id.group(1)).getResult(2, TimeUnit.HOURS, Map.class);
        double seconds = (System.nanoTime() - start) / 1e9;
        @SuppressWarnings("unchecked")
        Map<String, Number> counts = (Map<String, Number>) result.get("counts");
        if (!"SUCCEEDED".equals(result.get("outcome"))) {
          throw new IllegalStateException("anonymizer run " + result.get("outcome") + ": " + result.get("error"));
        }
        long changed = 0;
        for (String category : List.of("scheduled-deletions", "petition-replies", "petition-comments", "petitions", "contacts", "members", "files", "events")) {
          changed += counts.get(category).longValue();
        }
        long events = client.fetchHistory(id.group(1)).getHistory().getEventsCount();
        System.out.printf("anonymizer over %d seeded rows: %d changed in %.1f s, counts %s; CPU ms per 1,000 rows: %s%n",
            count, changed, seconds, counts, cpu.since((int) Math.max(1, changed / 1000)));
        return new Run(changed, seconds, counts.get("longest-batch-ms").longValue(), counts.get("batches").longValue(),
            events, host.peakRssMiB());
      } finally {
        stubs.shutdownNow();
      }
    } finally {
      BenchDatabase.dropSchema(schema);
    }
  }

  /**
   * {@code count} rows due, in the proportions of a product's data: per deleted petition 8 replies
   * and 4 comments; then deleted contacts, deleted files and due scheduled deletions.
   */
  static Map<String, Integer> seed(String schema, int count) throws SQLException {
    try (Connection c = BenchDatabase.connect()) {
      return seed(c, schema, count);
    }
  }

  /** As {@link #seed(String, int)}, through {@code c} (a scenario's own cluster). */
  public static Map<String, Integer> seed(Connection c, String schema, int count) throws SQLException {
    int petitions = count / 20;
    int replies = petitions * 8;
    int comments = petitions * 4;
    int files = count / 20;
    int scheduled = count / 20;
    int contacts = count - petitions - replies - comments - files - scheduled;
    Map<String, Integer> plan = new LinkedHashMap<>();
    plan.put("petitions", petitions);
    plan.put("petition-replies", replies);
    plan.put("petition-comments", comments);
    plan.put("contacts", contacts);
    plan.put("files", files);
    plan.put("scheduled-deletions", scheduled);
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
      s.execute("insert into organizations (id, name) values ('bench', 'Bench') on conflict do nothing");
      String deleted = "now() - interval '400 days'";
      s.execute("insert into petitions (id, org_id, title, deleted_at) select 'pet_' || g, 'bench', 'Petition ' || g, "
          + deleted + " from generate_series(1, " + petitions + ") g");
      s.execute("insert into petition_replies (id, org_id, petition_id, body) select 'rep_' || g, 'bench', 'pet_' || (1 + g % "
          + petitions + "), 'reply body ' || g from generate_series(1, " + replies + ") g");
      s.execute("insert into petition_comments (id, org_id, petition_id, author_name, body) select 'com_' || g, 'bench', 'pet_' || (1 + g % "
          + petitions + "), 'Author ' || g, 'comment ' || g from generate_series(1, " + comments + ") g");
      s.execute("insert into contacts (id, org_id, email, name, deleted_at) select 'con_' || g, 'bench', 'c' || g || '@example.com', 'Contact ' || g, "
          + deleted + " from generate_series(1, " + contacts + ") g");
      s.execute("insert into contacts (id, org_id, email, name) select 'live_' || g, 'bench', 'l' || g || '@example.com', 'Live ' || g from generate_series(1, "
          + scheduled + ") g");
      s.execute("insert into scheduled_deletions (id, org_id, entity_type, entity_id, delete_at) select 'sd_' || g, 'bench', 'contact', 'live_' || g, "
          + deleted + " from generate_series(1, " + scheduled + ") g");
      s.execute("insert into files (id, org_id, name, content_type, size_bytes, sha256, storage_key, deleted_at) select 'file_' || g, 'bench', 'scan ' || g || '.pdf', "
          + "'application/pdf', 1, 'x', 'bench/absent-' || g, " + deleted + " from generate_series(1, " + files + ") g");
      s.execute("analyze");
    }
    System.out.printf("seeded %s in %.1f s%n", plan, (System.nanoTime() - start) / 1e9);
    return plan;
  }

  /** The same rows, then one UPDATE per category (no batches, no per-organization retention). */
  private double setBasedCeiling(int count) throws Exception {
    String schema = "bench_anon_ceiling_" + System.currentTimeMillis();
    try (HostProcess host = HostProcess.start(schema)) { // only to migrate the schema the same way
      seed(schema, count);
    }
    try (Connection c = BenchDatabase.connect();
        Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
      String due = "deleted_at + interval '30 days' <= now()";
      double postgresStart = CpuUse.named("postgres");
      long start = System.nanoTime();
      long changed = 0;
      changed += s.executeUpdate("update contacts t set deleted_at = coalesce(t.deleted_at, d.delete_at) from scheduled_deletions d "
          + "where d.entity_type = 'contact' and d.entity_id = t.id and d.done_at is null and d.delete_at <= now()");
      s.executeUpdate("update scheduled_deletions set done_at = now() where done_at is null and delete_at <= now()");
      changed += s.executeUpdate("update petition_replies r set body = null, contact_id = null, anonymized_at = now() from petitions p "
          + "where p.id = r.petition_id and p." + due + " and r.anonymized_at is null");
      changed += s.executeUpdate("update petition_comments r set body = null, author_name = null, contact_id = null, anonymized_at = now() "
          + "from petitions p where p.id = r.petition_id and p." + due + " and r.anonymized_at is null");
      changed += s.executeUpdate("update petitions set title = '[anonymized]', anonymized_at = now() where " + due + " and anonymized_at is null");
      changed += s.executeUpdate("update contacts set email = 'anonymized-' || id || '@invalid', name = null, anonymized_at = now() where "
          + due + " and anonymized_at is null");
      changed += s.executeUpdate("update files set name = '[anonymized]', anonymized_at = now() where " + due + " and anonymized_at is null");
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("ceiling, set-based UPDATEs: %d rows in %.1f s; PostgreSQL CPU ms per 1,000 rows %.2f%n",
          changed, seconds, (CpuUse.named("postgres") - postgresStart) * 1000 / Math.max(1, changed / 1000));
      return changed / seconds;
    } finally {
      BenchDatabase.dropSchema(schema);
    }
  }

}
