package io.workerplatform.benchmarks.faults;

import com.sun.net.httpserver.HttpServer;
import io.workerplatform.benchmarks.AdminApi;
import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.TemporalServerProcess;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A receiver that answers 503 to the first two attempts of every delivery, then 204. */
final class ReceiverDownForTwoAttempts implements FaultRow {
  private final int events = Integer.getInteger("receiver-down.events", 1_000);

  @Override
  public String name() {
    return "receiver-down";
  }

  @Override
  public Result run(FaultLab lab) throws Exception {
    String schema = FaultLab.schema("down");
    long start = System.nanoTime();
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/hooks", exchange -> {
      exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      boolean down = seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() <= 2;
      exchange.sendResponseHeaders(down ? 503 : 204, -1);
      exchange.close();
      if (!down) {
        acknowledged.add(id);
      }
    });
    receiver.start();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        // Every delivery fails twice in a row here: the default 25 consecutive failures would
        // disable the subscription (by design), which is not the fault under test.
        HostProcess host = lab.host(schema, temporal, null, List.of(
            "--platform.webhooks.retry-delays=2s,2s,2s,2s", "--platform.webhooks.disable-after-consecutive-failures=100000"))) {
      String key = lab.organization(host);
      AdminApi.post(FaultLab.url(host) + "/api/orgs/" + FaultLab.ORG + "/webhook-subscriptions",
          "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\",\"eventTypes\":[\"petition.completed\"]}");
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        bodies.add("{\"id\":\"evt-" + i + "\",\"type\":\"petition.completed\",\"data\":{\"n\":" + i + "}}");
      }
      FaultLab.publish(host, key, bodies);
      FaultLab.await(
          () -> lab.count(schema, "select count(*) from webhook_deliveries where status in ('PENDING','SENDING','WAITING')") == 0
              && lab.count(schema, "select count(*) from webhook_deliveries") == events,
          Duration.ofMinutes(30));
      WebhookCheck.Outcome outcome = WebhookCheck.outcome(lab, schema, Set.copyOf(acknowledged));
      long atThird = lab.count(schema,
          "select count(*) from (select d.id from webhook_deliveries d join webhook_attempts a on a.delivery_id = d.id"
              + " where d.status = 'DELIVERED' group by d.id having count(*) = 3) x");
      long repeats = seen.values().stream().mapToLong(n -> Math.max(0, n.get() - 3)).sum();
      return new Result(
          "webhook receiver down for two attempts", events + " deliveries, retry delays 2 s",
          events - outcome.delivered(), repeats, repeats,
          outcome.agree() + "; " + atThird + " of " + events + " DELIVERED at attempt 3", FaultLab.seconds(start));
    } finally {
      receiver.stop(0);
    }
  }
}
