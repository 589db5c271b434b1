package io.workerplatform.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.IntFunction;

/**
 * The events capability under load, through the REST API of a worker host process with three
 * handlers (webhooks, audit and a counting one): events/s until every event is PROCESSED; how
 * soon a normal event gets its first webhook attempt while 5,000 low-priority events are queued
 * before it; and ordering violations among events published with ordering keys (0 expected).
 */
final class EventsScenario {
  private static final Pattern API_KEY = Pattern.compile("\"key\":\"([^\"]+)\"");
  // The data comes back from a jsonb column: its keys in PostgreSQL's order, so each on its own.
  private static final Pattern ORDERED_KEY = Pattern.compile("\"petitionId\":\"(p\\d+)\"");
  private static final Pattern ORDERED_N = Pattern.compile("\"n\":(\\d+)");

  private final int events = Integer.getInteger("events", 3_000);
  private final int concurrency = Integer.getInteger("concurrency", 32);
  private final int backlog = Integer.getInteger("backlog", 5_000);
  private final int keys = Integer.getInteger("keys", 10);
  private final int perKey = Integer.getInteger("per.key", 30);
  private String orgKey;

  /** Arrival order of ordered events per key, and first-arrival times of webhook ids. */
  private final Map<String, List<Integer>> arrivals = new ConcurrentHashMap<>();
  private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();

  void run() throws Exception {
    String schema = "bench_events_" + System.currentTimeMillis();
    try (LeanHttp.Server receiver = new LeanHttp.Server(this::received);
        HostProcess host =
            HostProcess.start(
                schema,
                List.of("--bench.third-handler=true", "--platform.events.low-priority-types=contact.created"))) {
      String base = "http://127.0.0.1:" + host.httpPort;
      setUp(base, "http://127.0.0.1:" + receiver.port() + "/hooks");
      LeanHttp.Client client = new LeanHttp.Client(host.httpPort, orgKey);

      // warm-up, then the measured run
      publish(client, Math.min(1_000, events), i -> "{\"type\":\"petition.completed\",\"data\":{\"n\":" + i + "}}");
      awaitProcessed(schema, Math.min(1_000, events), Duration.ofMinutes(5));
      CpuUse cpu = CpuUse.of(host);
      long start = System.nanoTime();
      publish(client, events, i -> "{\"type\":\"petition.completed\",\"data\":{\"n\":" + i + "}}");
      awaitProcessed(schema, Math.min(1_000, events) + events, Duration.ofMinutes(10));
      double perSecond = Stats.perSecond(events, System.nanoTime() - start);
      String cpuPerEvent = cpu.since(events);

      // low priority: a backlog, then normal events one at a time
      int processedBefore = processed(schema, null);
      publish(client, backlog, i -> "{\"type\":\"contact.created\",\"data\":{\"contactId\":\"ct_" + i + "\"}}");
      List<Double> normalLatencies = new ArrayList<>();
      int backlogLeft = 0;
      for (int i = 0; i < 20; i++) {
        String id = "evt_normal_" + i;
        long sent = System.nanoTime();
        LeanHttp.Response r = client.post("/api/orgs/bench/events", "{\"id\":\"" + id + "\",\"type\":\"petition.completed\"}");
        String deliveryId = r.body().replaceAll(".*\"deliveryIds\":\\[\"([^\"]+)\".*", "$1");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!firstArrival.containsKey(deliveryId) && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        normalLatencies.add((firstArrival.getOrDefault(deliveryId, deadline) - sent) / 1e6);
        backlogLeft = backlog - (processed(schema, "contact.created"));
        Thread.sleep(100);
      }
      awaitProcessed(schema, processedBefore + backlog + 20, Duration.ofMinutes(15));

      // ordering: keys interleaved, each key's events published one after the other
      int violations = ordered(client);
      client.close();

      System.out.println();
      System.out.println("| figure | measured | target |");
      System.out.println("| --- | --- | --- |");
      System.out.printf("| events/s, three handlers (webhooks, audit, counting), %d events | %s | |%n", events, Stats.fmt(perSecond));
      System.out.printf("| host CPU ms per event | %s | |%n", cpuPerEvent);
      System.out.printf("| normal event's first attempt behind %d low-priority ones, p50 / max ms | %s / %s | < 1000 |%n",
          backlog, Stats.fmt(Stats.percentile(normalLatencies, 50)), Stats.fmt(Stats.percentile(normalLatencies, 100)));
      System.out.printf("| low-priority events still queued at the last normal one | %d | > 0 |%n", backlogLeft);
      System.out.printf("| ordering violations, %d keys x %d events | %d | 0 |%n", keys, perKey, violations);
      System.out.printf("| worker-host peak RSS MiB | %d | < 768 |%n", host.peakRssMiB());
    } finally {
      BenchDatabase.dropSchema(schema);
    }
  }

  private void received(LeanHttp.Request request) {
    long now = System.nanoTime();
    String id = request.headers().get("webhook-id");
    if (id != null) {
      firstArrival.putIfAbsent(id, now);
    }
    String body = new String(request.body(), StandardCharsets.UTF_8);
    Matcher key = ORDERED_KEY.matcher(body);
    Matcher n = ORDERED_N.matcher(body);
    if (key.find() && n.find()) {
      arrivals.computeIfAbsent(key.group(1), k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(n.group(1)));
    }
  }

  private int ordered(LeanHttp.Client client) throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int k = 0; k < keys; k++) {
        String key = "p" + k;
        executor.submit(() -> {
          for (int n = 0; n < perKey; n++) {
            client.post("/api/orgs/bench/events",
                "{\"type\":\"petition.completed\",\"orderingKey\":\"petition/" + key + "\",\"data\":{\"petitionId\":\""
                    + key + "\",\"n\":" + n + "}}");
          }
          return null;
        });
      }
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (arrivals.values().stream().mapToInt(List::size).sum() < keys * perKey && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    int violations = 0;
    for (List<Integer> seen : arrivals.values()) {
      for (int i = 1; i < seen.size(); i++) {
        if (seen.get(i) < seen.get(i - 1)) {
          violations++;
        }
      }
    }
    int missing = keys * perKey - arrivals.values().stream().mapToInt(List::size).sum();
    if (missing > 0) {
      System.out.println("ordering: " + missing + " events did not arrive");
    }
    return violations;
  }

  private void setUp(String base, String receiverUrl) throws Exception {
    AdminApi.post(base + "/api/orgs", "{\"id\":\"bench\",\"name\":\"Bench\"}");
    Matcher key = API_KEY.matcher(AdminApi.post(base + "/api/orgs/bench/api-keys", "{\"name\":\"benchmark\"}"));
    if (!key.find()) {
      throw new IllegalStateException("no API key created");
    }
    orgKey = key.group(1);
    AdminApi.unthrottled(base, "bench");
    LeanHttp.Client client = new LeanHttp.Client(URI.create(base).getPort(), orgKey);
    client.post("/api/orgs/bench/webhook-subscriptions",
        "{\"url\":\"" + receiverUrl + "\",\"eventTypes\":[\"petition.completed\",\"contact.created\"]}");
    client.close();
  }

  private void publish(LeanHttp.Client client, int count, IntFunction<String> body)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicInteger failures = new AtomicInteger();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        inFlight.acquire();
        int n = i;
        executor.submit(() -> {
          try {
            LeanHttp.Response r = client.post("/api/orgs/bench/events", body.apply(n));
            if (r.status() != 202 && failures.getAndIncrement() == 0) {
              System.out.println("publish failed: " + r.status() + " " + r.body());
            }
          } catch (Exception e) {
            if (failures.getAndIncrement() == 0) {
              System.out.println("publish failed: " + e);
            }
          } finally {
            inFlight.release();
          }
        });
      }
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " publishes failed");
    }
  }

  private static int processed(String schema, String type) throws Exception {
    try (Connection c = BenchDatabase.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from " + schema + ".domain_events where status = 'PROCESSED'"
            + (type == null ? "" : " and type = '" + type + "'"))) {
      r.next();
      return r.getInt(1);
    }
  }

  private static void awaitProcessed(String schema, int count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processed(schema, null) < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + processed(schema, null) + " of " + count + " events processed in " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
