package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.AdminApi;
import io.workerplatform.benchmarks.CountingReceiver;
import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.TemporalServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL crashes a fifth of the way into a burst of webhook events. Most deliveries succeed at
 * their first attempt inside their event's workflow and have no workflow of their own, so the
 * row reads the receiver's log and the deliveries' rows, never a delivery workflow.
 */
final class PostgresDownDuringWebhooks implements FaultRow {
  private final int events = Integer.getInteger("events", 5_000);

  @Override
  public String name() {
    return "pg-hooks";
  }

  @Override
  public Result run(FaultLab lab) throws Exception {
    String schema = FaultLab.schema("pg_hooks");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = lab.host(schema, temporal, null, List.of());
        CountingReceiver receiver = new CountingReceiver()) {
      String key = lab.organization(host);
      AdminApi.post(FaultLab.url(host) + "/api/orgs/" + FaultLab.ORG + "/webhook-subscriptions",
          "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"petition.completed\"]}");
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        bodies.add("{\"id\":\"evt-" + i + "\",\"type\":\"petition.completed\",\"data\":{\"n\":" + i + "}}");
      }
      Thread publishing = Thread.ofVirtual().start(() -> FaultLab.publish(host, key, bodies));
      FaultLab.await(() -> receiver.firstArrivalNanos.size() >= events / 5, Duration.ofMinutes(5));
      lab.pg.restart(lab.outage);
      publishing.join();
      FaultLab.await(
          () -> lab.count(schema, "select count(*) from webhook_deliveries where status in ('PENDING','SENDING','WAITING')") == 0
              && lab.count(schema, "select count(*) from webhook_deliveries") == events,
          Duration.ofMinutes(30));
      WebhookCheck.Outcome outcome = WebhookCheck.outcome(lab, schema, Set.copyOf(receiver.firstArrivalNanos.keySet()));
      long repeats = receiver.requests.get() - receiver.firstArrivalNanos.size();
      return new Result(
          "PostgreSQL down " + lab.outage.toSeconds() + " s", events + " webhook events (one subscription)",
          events - Math.min(outcome.delivered(), receiver.firstArrivalNanos.size()), repeats, repeats,
          outcome.agree() + "; a repeat carries its delivery's webhook-id", FaultLab.seconds(start));
    }
  }
}
