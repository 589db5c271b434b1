package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.ThrowawayPostgres;
import io.workerplatform.email.SesLocalServer;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;

/**
 * Scenario {@code faults}: one table row per fault, one class per row, each on a Temporal server
 * of its own (the embedded one, in a process of its own so that worker hosts can die beside it)
 * and the scenario's own PostgreSQL cluster (initdb on another port), so that restarting it
 * disturbs nothing else. A row that fails prints its failure and the others still run. Targets:
 * nothing lost; duplicates only inside the window of doubt, each marked.
 */
public final class FaultsScenario {
  /** Every row, in the table's order. */
  static List<FaultRow> rows() {
    return List.of(
        new HostKilledDuringBulkSend(),
        new PostgresDownDuringBulkSend(),
        new PostgresDownDuringWebhooks(),
        new PostgresDownDuringAnonymizer(),
        new PostgresDownDuringDigests(),
        new BulkSendsCreatedDuringRestart(),
        new OrderedEventsHostKilled(),
        new SesHeldDuringBulkSend(),
        new ReceiverDownForTwoAttempts());
  }

  /** The rows to run ({@code -Dfaults.only=kill,pg-hooks}); all by default. */
  private final List<String> only = List.of(System.getProperty("faults.only", "all").split(","));

  public void run() throws Exception {
    List<FaultRow> selected = rows().stream().filter(r -> only.contains("all") || only.contains(r.name())).toList();
    System.out.println("scenario faults: rows " + selected.stream().map(FaultRow::name).toList());
    List<String> lines = new ArrayList<>();
    try (ThrowawayPostgres cluster = ThrowawayPostgres.start();
        SesLocalServer ses = SesLocalServer.start()) {
      FaultLab lab = new FaultLab(cluster, ses);
      for (FaultRow row : selected) {
        long start = System.nanoTime();
        try {
          FaultRow.Result r = row.run(lab);
          lines.add(String.format("| %s | %s | %d | %d | %d | %s | %.0f s |",
              r.fault(), r.work(), r.lost(), r.duplicates(), r.marked(), r.agree(), r.seconds()));
        } catch (Exception | Error failed) {
          failed.printStackTrace();
          lines.add(String.format("| %s | row failed: %s | - | - | - | - | %.0f s |",
              row.name(), failed.toString().replace('|', '/').replaceAll("\\s+", " "), FaultLab.seconds(start)));
          ensureUp(cluster);
        }
        System.out.println(lines.getLast());
      }
    }
    System.out.println();
    System.out.println("| fault | work | lost | duplicates | of which marked in doubt | independent sources agree | time |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    lines.forEach(System.out::println);
    System.out.println("targets: 0 lost in every row; duplicates only inside the window of doubt, each marked");
  }

  /** A row that failed while PostgreSQL was down must not take the next rows with it. */
  private static void ensureUp(ThrowawayPostgres cluster) {
    try {
      cluster.start(Duration.ZERO);
    } catch (Exception alreadyRunning) {
      // pg_ctl refuses to start a running server: nothing to do
    }
  }
}
