package io.workerplatform.benchmarks;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.workerplatform.host.temporal.EmbeddedTemporalServer;
import io.workerplatform.events.DomainEventWorkflow;
import io.workerplatform.webhooks.WebhookDeliveryWorkflow;
import io.workerplatform.webhooks.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scenario {@code webhooks}: events published through the REST API of a worker host (its own JVM,
 * embedded mode, fresh embedded Temporal server per scenario) and fanned out to a loopback
 * receiver. Prints deliveries/s at the maximum rate, publish-to-first-attempt latency at a paced
 * rate, the host's peak RSS and history events per delivery, next to two ceilings measured in the
 * same run: a plain HttpClient loop and a bare one-activity workflow on a fresh test server.
 */
final class WebhooksScenario {
  /** The bare ceiling's own queue: one workflow and one activity, no capability behind them. */
  private static final String BARE_QUEUE = "bare";
  private static final Pattern DELIVERY_ID = Pattern.compile("\"deliveryIds\":\\[\"([^\"]+)\"");
  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");
  /** The event of each delivery published, for the histories. */
  private final Map<String, String> eventOf = new ConcurrentHashMap<>();
  private static final Pattern API_KEY = Pattern.compile("\"key\":\"([^\"]+)\"");
  private String orgKey;

  private final int events;
  private final int concurrency;
  private final int pacedRate;
  private final int pacedSeconds;
  private final int warmup = Integer.getInteger("warmup", 3_000);
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  WebhooksScenario(int events, int concurrency, int pacedRate, int pacedSeconds) {
    this.events = events;
    this.concurrency = concurrency;
    this.pacedRate = pacedRate;
    this.pacedSeconds = pacedSeconds;
  }

  void run() throws Exception {
    System.out.printf(
        "scenario webhooks: %d events at max rate, %d events/s for %d s paced, concurrency %d, host heap %s, warm-up %d, JVM options %s%n",
        events, pacedRate, pacedSeconds, concurrency, HostProcess.HEAP, warmup,
        System.getProperty("bench.host.jvm-args", "(none)"));
    try (CountingReceiver receiver = new CountingReceiver()) {
      double httpCeiling = httpClientCeiling(receiver);
      receiver.reset();
      double bareCeiling = bareWorkflowCeiling();

      MaxRate max = maxRate(receiver);
      receiver.reset();
      Paced paced = paced(receiver);

      System.out.println();
      System.out.println("| figure | value | target |");
      System.out.println("| --- | --- | --- |");
      System.out.printf("| deliveries/s at max rate (%d events) | %s | |%n", events, Stats.fmt(max.perSecond));
      System.out.printf("| ceiling: bare one-activity workflows/s, fresh test server | %s | |%n", Stats.fmt(bareCeiling));
      System.out.printf("| ratio deliveries / bare ceiling | %.2f | >= 0.65 (median of three runs) |%n", max.perSecond / bareCeiling);
      System.out.printf("| ceiling: plain HttpClient requests/s, concurrency %d | %s | |%n", concurrency, Stats.fmt(httpCeiling));
      System.out.printf("| publish-to-first-attempt p50 at %d events/s | %s ms | |%n", pacedRate, Stats.fmt(paced.p50));
      System.out.printf("| publish-to-first-attempt p99 at %d events/s | %s ms | < 500 ms |%n", pacedRate, Stats.fmt(paced.p99));
      System.out.printf("| worker-host peak RSS (max of both runs) | %d MiB | < 768 MiB |%n", Math.max(max.rssMiB, paced.rssMiB));
      System.out.printf("| history events per event (one subscription, delivered at once) | %s | |%n", Stats.fmt(max.historyEvents));
      System.out.printf("| history bytes per event | %s | |%n", Stats.fmt(max.historyBytes));
    }
  }

  void maxRateOnly() throws Exception {
    try (CountingReceiver receiver = new CountingReceiver()) {
      MaxRate max = maxRate(receiver);
      System.out.printf("deliveries/s %s, rss %d MiB%n", Stats.fmt(max.perSecond), max.rssMiB);
    }
  }

  record MaxRate(double perSecond, long rssMiB, double historyEvents, double historyBytes) {}

  record Paced(double p50, double p99, long rssMiB) {}

  private MaxRate maxRate(CountingReceiver receiver) throws Exception {
    String schema = "bench_max_" + System.currentTimeMillis();
    try (HostProcess host = HostProcess.start(schema)) {
      String base = setUp(host, receiver);
      warmUp(base, receiver);
      List<String> deliveryIds = new ArrayList<>();
      CpuUse cpu = CpuUse.of(host);
      long start = System.nanoTime();
      Map<String, Long> published = publishAll(base, events, concurrency, 0);
      awaitArrivals(receiver, events, Duration.ofMinutes(10));
      long last = receiver.firstArrivalNanos.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      double perSecond = Stats.perSecond(events, last - start);
      System.out.println("max rate, deliveries per 5 s window: " + windows(receiver, start, 5));
      System.out.printf("max rate: %d delivered in %.1f s; CPU ms per delivery: %s%n",
          events, (last - start) / 1e9, cpu.since(events));
      deliveryIds.addAll(published.keySet());
      double[] history = historySize(host, deliveryIds.subList(0, Math.min(50, deliveryIds.size())));
      return new MaxRate(perSecond, host.peakRssMiB(), history[0], history[1]);
    } finally {
      BenchDatabase.dropSchema(schema);
    }
  }

  /** Deliveries per second in consecutive windows from {@code start}: shows the warm-up. */
  private static String windows(CountingReceiver receiver, long start, int seconds) {
    TreeMap<Long, Integer> counts = new TreeMap<>();
    receiver.firstArrivalNanos
        .values()
        .forEach(at -> counts.merge((at - start) / (seconds * 1_000_000_000L), 1, Integer::sum));
    return counts.values().stream()
        .map(c -> Stats.fmt((double) c / seconds))
        .collect(Collectors.joining(" "));
  }

  private Paced paced(CountingReceiver receiver) throws Exception {
    String schema = "bench_paced_" + System.currentTimeMillis();
    try (HostProcess host = HostProcess.start(schema)) {
      String base = setUp(host, receiver);
      warmUp(base, receiver);
      int count = pacedRate * pacedSeconds;
      Map<String, Long> published = publishAll(base, count, count, pacedRate);
      awaitArrivals(receiver, count, Duration.ofMinutes(5));
      List<Double> latencies = new ArrayList<>();
      published.forEach(
          (id, sentAt) -> latencies.add((receiver.firstArrivalNanos.get(id) - sentAt) / 1e6));
      System.out.printf("paced: %d delivered%n", count);
      return new Paced(
          Stats.percentile(latencies, 50), Stats.percentile(latencies, 99), host.peakRssMiB());
    } finally {
      BenchDatabase.dropSchema(schema);
    }
  }

  /**
   * Runs {@code warmup} deliveries first and forgets them: the figures are for a JIT-compiled
   * host, not for its first seconds (the bare ceiling is warmed up the same way).
   */
  private void warmUp(String base, CountingReceiver receiver) throws InterruptedException {
    if (warmup > 0) {
      publishAll(base, warmup, concurrency, 0);
      awaitArrivals(receiver, warmup, Duration.ofMinutes(5));
      receiver.reset();
    }
  }

  private String setUp(HostProcess host, CountingReceiver receiver) throws Exception {
    String base = "http://127.0.0.1:" + host.httpPort;
    AdminApi.post(base + "/api/orgs", "{\"id\":\"bench\",\"name\":\"Bench\"}");
    // Events are published with the organization's key, as a user's backend would.
    Matcher key = API_KEY.matcher(AdminApi.post(base + "/api/orgs/bench/api-keys", "{\"name\":\"benchmark\"}"));
    if (!key.find()) {
      throw new IllegalStateException("no API key created");
    }
    orgKey = key.group(1);
    AdminApi.unthrottled(base, "bench");
    AdminApi.post(
        base + "/api/orgs/bench/webhook-subscriptions",
        "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"petition.completed\"]}");
    return base;
  }

  /**
   * Publishes {@code count} events with at most {@code parallel} requests in flight; with a
   * {@code rate} above 0, starts them at that many per second. Returns delivery id -> the nanoTime
   * at which its publish began.
   */
  private Map<String, Long> publishAll(String base, int count, int parallel, int rate)
      throws InterruptedException {
    Map<String, Long> started = new ConcurrentHashMap<>();
    Semaphore inFlight = new Semaphore(parallel);
    AtomicInteger failures = new AtomicInteger();
    LeanHttp.Client publisher = new LeanHttp.Client(URI.create(base).getPort(), orgKey);
    long t0 = System.nanoTime();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        if (rate > 0) {
          long due = t0 + (long) (i * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        inFlight.acquire();
        executor.submit(
            () -> {
              try {
                long sentAt = System.nanoTime();
                LeanHttp.Response response =
                    publisher.post("/api/orgs/bench/events", "{\"type\":\"petition.completed\",\"data\":{\"n\":1}}");
                Matcher m = DELIVERY_ID.matcher(response.body());
                Matcher event = EVENT_ID.matcher(response.body());
                if (response.status() == 202 && m.find() && event.find()) {
                  started.put(m.group(1), sentAt);
                  eventOf.put(m.group(1), event.group(1));
                } else {
                  failure(failures, response.status() + " " + response.body());
                }
              } catch (Exception e) {
                failure(failures, e.toString());
              } finally {
                inFlight.release();
              }
            });
      }
    }
    try {
      publisher.close();
    } catch (IOException ignored) {
      // closing only
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " publishes failed");
    }
    return started;
  }

  /** Counts a failed publish; the first one is printed. */
  private static void failure(AtomicInteger failures, String what) {
    if (failures.getAndIncrement() == 0) {
      System.out.println("publish failed: " + what);
    }
  }


  private static void awaitArrivals(CountingReceiver receiver, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (receiver.firstArrivalNanos.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + receiver.firstArrivalNanos.size() + " of " + count + " arrived in " + timeout);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Average history events and bytes per event (its own workflow and any delivery workflow it
   * started), read from the host's server, for some deliveries delivered at once.
   */
  private double[] historySize(HostProcess host, List<String> deliveryIds) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + host.temporalPort).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      double events = 0;
      double bytes = 0;
      for (String id : deliveryIds) {
        var history = client.fetchHistory(DomainEventWorkflow.workflowId("bench", eventOf.get(id))).getHistory();
        events += history.getEventsCount();
        bytes += history.getSerializedSize();
        try {
          var retries = client.fetchHistory(WebhookDeliveryWorkflow.workflowId(id)).getHistory();
          events += retries.getEventsCount();
          bytes += retries.getSerializedSize();
        } catch (RuntimeException e) {
          // delivered at the first attempt: no delivery workflow (the usual case)
        }
      }
      return new double[] {events / deliveryIds.size(), bytes / deliveryIds.size()};
    } finally {
      stubs.shutdownNow();
    }
  }

  /** The same signed requests, sent by a bare HttpClient loop with the same concurrency. */
  private double httpClientCeiling(CountingReceiver receiver) throws Exception {
    String secret = WebhookSignature.newSecret();
    byte[] body = "{\"id\":\"evt\",\"type\":\"petition.completed\",\"data\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8);
    Semaphore inFlight = new Semaphore(concurrency);
    long start = System.nanoTime();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < events; i++) {
        String id = "msg_" + i;
        inFlight.acquire();
        executor.submit(
            () -> {
              try {
                long ts = System.currentTimeMillis() / 1000;
                http.send(
                    HttpRequest.newBuilder(URI.create(receiver.url()))
                        .header("content-type", "application/json")
                        .header("webhook-id", id)
                        .header("webhook-timestamp", Long.toString(ts))
                        .header("webhook-signature", WebhookSignature.sign(secret, id, ts, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              } finally {
                inFlight.release();
              }
              return null;
            });
      }
    }
    double perSecond = Stats.perSecond(events, System.nanoTime() - start);
    System.out.printf("ceiling, plain HttpClient: %s requests/s%n", Stats.fmt(perSecond));
    return perSecond;
  }

  /** One no-op activity per workflow on a freshly started port-bound test server. */
  double bareWorkflowCeiling() throws Exception {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(Ports.free(), "default")) {
      // Client settings as the embedded worker host has them: no gzip on loopback, workflow code
      // on virtual threads.
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(server.target())
                  .setGrpcCompression(GrpcCompression.NONE)
                  .build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      WorkerFactory factory =
          WorkerFactory.newInstance(
              client, WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build());
      Worker worker = factory.newWorker(BARE_QUEUE);
      worker.registerWorkflowImplementationTypes(BareWorkflow.Impl.class);
      worker.registerActivitiesImplementations((BareWorkflow.Noop) id -> id);
      factory.start();
      runBare(client, "warmup-", warmup);
      double cpuStart = CpuUse.self();
      long start = System.nanoTime();
      runBare(client, "bare-", events);
      double perSecond = Stats.perSecond(events, System.nanoTime() - start);
      System.out.printf("ceiling, bare workflows: %s workflows/s, %.2f CPU ms per workflow (server, worker and client in this process)%n",
          Stats.fmt(perSecond), (CpuUse.self() - cpuStart) * 1000 / events);
      factory.shutdownNow();
      stubs.shutdownNow();
      return perSecond;
    }
  }

  /** Starts {@code count} bare workflows as the platform starts deliveries, and waits for all. */
  private void runBare(WorkflowClient client, String prefix, int count) throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        String id = prefix + i;
        inFlight.acquire();
        executor.submit(
            () -> {
              try {
                WorkflowClient.start(
                    client.newWorkflowStub(
                            BareWorkflow.class,
                            WorkflowOptions.newBuilder()
                            .setTaskQueue(BARE_QUEUE)
                            .setWorkflowId(id)
                            .setDisableEagerExecution(false) // eager start, as the platform
                            .build())
                        ::run,
                    id);
              } finally {
                inFlight.release();
              }
              return null;
            });
      }
    }
    for (int i = count - 1; i >= 0; i--) {
      client.newUntypedWorkflowStub(prefix + i).getResult(String.class);
    }
  }
}
