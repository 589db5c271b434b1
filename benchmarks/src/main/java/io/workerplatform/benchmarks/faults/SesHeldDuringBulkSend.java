package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.TemporalServerProcess;
import io.workerplatform.email.HoldingProxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Every SES answer held 10 s for a minute of a bulk send (longer than a batch's heartbeat timeout). */
final class SesHeldDuringBulkSend implements FaultRow {
  private final int recipients = Integer.getInteger("restart.recipients", 6_000);

  @Override
  public String name() {
    return "slow-ses";
  }

  @Override
  public Result run(FaultLab lab) throws Exception {
    lab.ses.clear();
    String schema = FaultLab.schema("slow_ses");
    long start = System.nanoTime();
    try (HoldingProxy proxy = HoldingProxy.start(lab.ses.endpoint());
        TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = lab.host(schema, temporal, proxy.endpoint().toString(), List.of())) {
      String id = BulkSendCheck.start(lab, host, recipients);
      long holdFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      long holdUntil = holdFrom + TimeUnit.SECONDS.toNanos(60);
      proxy.hold(n -> {
        long now = System.nanoTime();
        return now >= holdFrom && now < holdUntil ? Duration.ofSeconds(10) : Duration.ZERO;
      });
      BulkSendCheck.awaitEnd(lab, schema, id);
      BulkSendCheck.Outcome outcome = BulkSendCheck.outcome(lab, schema, id);
      return new Result(
          "SES answers held 10 s for a minute", "bulk send of " + recipients + " at " + lab.rate + "/s",
          outcome.lost(), outcome.duplicates(), outcome.marked(), outcome.agree(), FaultLab.seconds(start));
    }
  }
}
