package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.TemporalServerProcess;
import java.util.List;
import java.util.Random;

/** The worker host SIGKILLed every 3 to 7 s during a bulk send, and started again each time. */
final class HostKilledDuringBulkSend implements FaultRow {
  private final int recipients = Integer.getInteger("kill.recipients", 20_000);
  private final int kills = Integer.getInteger("kills", 20);

  @Override
  public String name() {
    return "kill";
  }

  @Override
  public Result run(FaultLab lab) throws Exception {
    lab.ses.clear();
    String schema = FaultLab.schema("kill");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start()) {
      String ses = lab.ses.endpoint().toString();
      HostProcess host = lab.host(schema, temporal, ses, List.of());
      try {
        String id = BulkSendCheck.start(lab, host, recipients);
        Random random = new Random(lab.seed);
        int done = 0;
        while (done < kills && !BulkSendCheck.ended(lab, schema, id)) {
          Thread.sleep(3_000 + random.nextInt(4_000));
          host.kill();
          done++;
          host = lab.host(schema, temporal, ses, List.of());
        }
        BulkSendCheck.awaitEnd(lab, schema, id);
        BulkSendCheck.Outcome outcome = BulkSendCheck.outcome(lab, schema, id);
        return new Result(
            "worker host SIGKILLed " + done + " times, restarted", "bulk send of " + recipients + " at " + lab.rate + "/s",
            outcome.lost(), outcome.duplicates(), outcome.marked(), outcome.agree(), FaultLab.seconds(start));
      } finally {
        host.close();
      }
    }
  }
}
