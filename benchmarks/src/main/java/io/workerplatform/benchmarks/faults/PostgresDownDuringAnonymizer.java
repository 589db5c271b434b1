package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.AdminApi;
import io.workerplatform.benchmarks.AnonymizerScenario;
import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.TemporalServerProcess;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL crashes 2 s into a manual anonymizer run and stays down for the long outage (120 s):
 * the run waits for the database instead of spending its attempts, and completes.
 */
final class PostgresDownDuringAnonymizer implements FaultRow {
  private static final Pattern WORKFLOW_ID = Pattern.compile("\"workflowId\":\"([^\"]+)\"");
  private final int rows = Integer.getInteger("anonymizer.rows", 300_000);

  @Override
  public String name() {
    return "pg-anon";
  }

  @Override
  public Result run(FaultLab lab) throws Exception {
    String schema = FaultLab.schema("pg_anon");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = lab.host(schema, temporal, null, List.of(
            "--platform.cron.jobs.anonymizer.input.batchSize=500", "--platform.cron.jobs.anonymizer.input.parallelism=2"))) {
      lab.organization(host);
      Map<String, Integer> plan;
      try (Connection c = lab.connect(schema)) {
        plan = AnonymizerScenario.seed(c, schema, rows);
      }
      Matcher id = WORKFLOW_ID.matcher(AdminApi.post(FaultLab.url(host) + "/api/cron/anonymizer/run", ""));
      if (!id.find()) {
        throw new IllegalStateException("no workflow id from the manual run");
      }
      Thread.sleep(2_000);
      lab.pg.restart(lab.longOutage);
      String workflowId = id.group(1);
      FaultLab.await(
          () -> "SUCCEEDED".equals(lab.text(schema, "select outcome from cron_runs where workflow_id = '" + workflowId + "'")),
          Duration.ofMinutes(30));
      // Two sources: the data itself, and the run's own record of what it changed.
      long contacts = lab.count(schema, "select count(*) from contacts where anonymized_at is not null");
      long petitions = lab.count(schema, "select count(*) from petitions where anonymized_at is not null");
      long dueContacts = plan.get("contacts") + plan.get("scheduled-deletions"); // a due deletion makes a live contact due
      long left = Math.max(0, dueContacts - contacts) + Math.max(0, plan.get("petitions") - petitions);
      String counts = lab.text(schema, "select (counts->>'contacts') || ' contacts, ' || (counts->>'petitions')"
          + " || ' petitions' from cron_runs where workflow_id = '" + workflowId + "'");
      boolean agree = left == 0 && (contacts + " contacts, " + petitions + " petitions").equals(counts);
      return new Result(
          "PostgreSQL down " + lab.longOutage.toSeconds() + " s", "anonymizer run over " + rows + " rows",
          left, 0, 0,
          (agree ? "yes" : "no") + " (data: " + contacts + " contacts, " + petitions + " petitions anonymized of "
              + dueContacts + ", " + plan.get("petitions") + " due; run row SUCCEEDED: " + counts + ")",
          FaultLab.seconds(start));
    }
  }
}
