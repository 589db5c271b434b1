package io.workerplatform.benchmarks;

import io.workerplatform.bulksends.BulkSendWorkflow;
import io.workerplatform.email.SesLocalServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario {@code bulk-send-rate-hosts}: the global email rate held by three hosts sending one bulk
 * send at once. A Temporal server of its own and three worker hosts in remote mode on one schema,
 * each with {@code platform.email.rate} R/s; a warm-up bulk send, then one of R x S recipients.
 * Prints the mean rate from the first send to the last against R (target: within 2 %), the
 * busiest calendar second (never above R), and the activity tasks each host's worker started
 * (all three must send).
 */
final class SharedRateScenario {
  private final int rate = Integer.getInteger("rate", 200);
  private final int rateSeconds = Integer.getInteger("rate.seconds", 30);
  private final int hostCount = Integer.getInteger("hosts", 3);

  void run() throws Exception {
    int count = rate * rateSeconds;
    String schema = "bench_rate_" + System.currentTimeMillis();
    System.out.printf("scenario bulk-send-rate-hosts: %d hosts, platform.email.rate %d/s, %d recipients%n",
        hostCount, rate, count);
    BulkSendScenario bulk = new BulkSendScenario();
    List<HostProcess> hosts = new ArrayList<>();
    try (SesLocalServer ses = SesLocalServer.start();
        TemporalServerProcess temporal = TemporalServerProcess.start()) {
      List<String> arguments = List.of(
          "--platform.email.ses.endpoint=" + ses.endpoint(),
          "--platform.email.ses.access-key-id=local",
          "--platform.email.ses.secret-access-key=local",
          "--platform.email.rate=" + rate + "/s");
      for (int i = 0; i < hostCount; i++) {
        hosts.add(HostProcess.startRemote(schema, temporal.port, arguments));
      }
      String base = "http://127.0.0.1:" + hosts.get(0).httpPort;
      String petition = BulkSendScenario.seed(base, count);
      // warm hosts: a first, unmeasured bulk send to a fifth of them
      bulk.awaitCompleted(base, BulkSendScenario.id(AdminApi.post(base + "/api/orgs/bench/bulk-sends",
          "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"contactIds\":["
              + BulkSendScenario.contactIds(schema, count / 5) + "]}")));
      ses.clear();
      String id = BulkSendScenario.id(AdminApi.post(base + "/api/orgs/bench/bulk-sends",
          "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"allContacts\":true}"));
      bulk.awaitCompleted(base, id);

      int[] timing = BulkSendScenario.sendTiming(schema, id);
      double mean = (double) count / timing[1] * 1000;
      Map<String, Long> workers = hosts.get(0).activityWorkers(BulkSendWorkflow.workflowId(id));
      System.out.printf("%d sends over %.1f s: mean %s/s (%+.1f %% of %d), busiest calendar second %d%n",
          count, timing[1] / 1000.0, Stats.fmt(mean), (mean - rate) * 100.0 / rate, rate, timing[0]);
      System.out.printf("activity tasks per host's worker: %s%n", workers);
      System.out.printf("shared rate, %d hosts: mean %s/s, within 2 %%: %s; busiest second %d, never above %d: %s%n",
          hostCount, Stats.fmt(mean), Math.abs(mean - rate) <= rate * 0.02 ? "yes" : "NO", timing[0], rate,
          timing[0] <= rate ? "yes" : "NO");
    } finally {
      for (HostProcess host : hosts) {
        host.close();
      }
      BenchDatabase.dropSchema(schema);
    }
  }
}
