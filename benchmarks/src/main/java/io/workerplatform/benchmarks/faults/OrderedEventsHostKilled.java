package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.AdminApi;
import io.workerplatform.benchmarks.CountingReceiver;
import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.LeanHttp;
import io.workerplatform.benchmarks.TemporalServerProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.sql.Timestamp;

/**
 * Ordered events of 10 keys (each key's events published one after the other) while the worker
 * host is SIGKILLed 5 times and started again. Targets: every event processed, no key left
 * stalled, and within a key no event processed before its predecessor (the rows' processing
 * times in sequence order).
 */
final class OrderedEventsHostKilled implements FaultRow {
  private final int keys = Integer.getInteger("ordered.keys", 10);
  private final int perKey = Integer.getInteger("ordered.per-key", 50);
  private final int kills = Integer.getInteger("ordered.kills", 5);

  @Override
  public String name() {
    return "ordered-kill";
  }

  @Override
  public Result run(FaultLab lab) throws Exception {
    String schema = FaultLab.schema("ordered");
    long start = System.nanoTime();
    int events = keys * perKey;
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        CountingReceiver receiver = new CountingReceiver()) {
      AtomicReference<HostProcess> host = new AtomicReference<>(lab.host(schema, temporal, null, List.of()));
      try {
        String apiKey = lab.organization(host.get());
        AdminApi.post(FaultLab.url(host.get()) + "/api/orgs/" + FaultLab.ORG + "/webhook-subscriptions",
            "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"petition.completed\"]}");
        List<Thread> publishers = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
          int key = k;
          publishers.add(Thread.ofVirtual().start(() -> publishInOrder(host, apiKey, key)));
        }
        Random random = new Random(lab.seed);
        int done = 0;
        while (done < kills && lab.count(schema, "select count(*) from domain_events where status = 'PROCESSED'") < events) {
          Thread.sleep(4_000 + random.nextInt(4_000));
          host.get().kill();
          done++;
          host.set(lab.host(schema, temporal, null, List.of()));
        }
        for (Thread publisher : publishers) {
          publisher.join();
        }
        boolean settled = true;
        try {
          FaultLab.await(() -> lab.count(schema, "select count(*) from domain_events where status = 'PROCESSED'") == events,
              Duration.ofMinutes(15));
        } catch (IllegalStateException notAll) {
          settled = false; // counted below as lost and stalled
        }
        long processed = lab.count(schema, "select count(*) from domain_events where status = 'PROCESSED'");
        long stalledKeys = lab.count(schema,
            "select count(distinct ordering_key) from domain_events where status <> 'PROCESSED'");
        long violations = violations(lab, schema);
        WebhookCheck.Outcome hooks = WebhookCheck.outcome(lab, schema, Set.copyOf(receiver.firstArrivalNanos.keySet()));
        return new Result(
            "worker host SIGKILLed " + done + " times, restarted",
            events + " ordered events of " + keys + " keys",
            events - processed, 0, 0,
            (processed == events && violations == 0 && stalledKeys == 0 ? "yes" : "no") + " (" + processed
                + " PROCESSED, " + violations + " ordering violations, " + stalledKeys + " keys stalled"
                + (settled ? "" : " after 15 min") + "; webhooks " + hooks.agree() + ")",
            FaultLab.seconds(start));
      } finally {
        host.get().close();
      }
    }
  }

  /** The key's events one after the other, each retried until accepted (the host may be down). */
  private void publishInOrder(AtomicReference<HostProcess> host, String apiKey, int key) {
    for (int i = 0; i < perKey; i++) {
      String body = "{\"id\":\"o-" + key + "-" + i + "\",\"type\":\"petition.completed\",\"orderingKey\":\"k" + key
          + "\",\"data\":{\"n\":" + i + "}}";
      for (int attempt = 0; ; attempt++) {
        try {
          if (new LeanHttp.Client(host.get().httpPort, apiKey).post("/api/orgs/" + FaultLab.ORG + "/events", body).status() < 300) {
            break;
          }
        } catch (Exception retry) {
          // the host is down for a moment: the same id again
        }
        try {
          Thread.sleep(Math.min(2_000, 100L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Pairs of consecutive events of a key (in the platform's sequence) where the later one's
   * processing ended before the earlier one's.
   */
  private static long violations(FaultLab lab, String schema) throws Exception {
    long violations = 0;
    try (Connection c = lab.connect(schema);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(
            "select ordering_key, processed_at from domain_events where ordering_key is not null order by ordering_key, seq")) {
      String key = null;
      Timestamp previous = null;
      while (r.next()) {
        String k = r.getString(1);
        Timestamp at = r.getTimestamp(2);
        if (!k.equals(key)) {
          key = k;
          previous = null;
        }
        if (previous != null && at != null && at.before(previous)) {
          violations++;
        }
        if (at != null) {
          previous = at;
        }
      }
    }
    return violations;
  }
}
