package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.TemporalServerProcess;
import java.time.Duration;
import java.util.List;

/** PostgreSQL crashes a third of the way into a bulk send and comes back after the outage. */
final class PostgresDownDuringBulkSend implements FaultRow {
  private final int recipients = Integer.getInteger("restart.recipients", 6_000);

  @Override
  public String name() {
    return "pg-bulk";
  }

  @Override
  public Result run(FaultLab lab) throws Exception {
    lab.ses.clear();
    String schema = FaultLab.schema("pg_bulk");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = lab.host(schema, temporal, lab.ses.endpoint().toString(), List.of())) {
      String id = BulkSendCheck.start(lab, host, recipients);
      FaultLab.await(() -> lab.ses.emails().size() >= recipients / 3, Duration.ofMinutes(5));
      lab.pg.restart(lab.outage);
      BulkSendCheck.awaitEnd(lab, schema, id);
      BulkSendCheck.Outcome outcome = BulkSendCheck.outcome(lab, schema, id);
      return new Result(
          "PostgreSQL down " + lab.outage.toSeconds() + " s", "bulk send of " + recipients + " at " + lab.rate + "/s",
          outcome.lost(), outcome.duplicates(), outcome.marked(), outcome.agree(), FaultLab.seconds(start));
    }
  }
}
