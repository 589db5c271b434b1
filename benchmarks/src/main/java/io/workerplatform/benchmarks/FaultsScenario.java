package io.workerplatform.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.workerplatform.bulksend.BulkSendProgress;
import io.workerplatform.bulksend.BulkSendWorkflow;
import io.workerplatform.email.HoldingProxy;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.webhook.DeliveryStatus;
import io.workerplatform.webhook.WebhookDeliveryWorkflow;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scenario {@code faults}: one table row per fault, each on a Temporal server of its own (the
 * embedded one, in a process of its own so that worker hosts can die beside it) and a PostgreSQL
 * cluster of the scenario's own (initdb on another port), so that restarting it disturbs nothing
 * else. Targets: nothing lost; duplicates only where the message log marks them in doubt.
 */
final class FaultsScenario {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]+)\"");
  private static final Pattern WORKFLOW_ID = Pattern.compile("\"workflowId\":\"([^\"]+)\"");

  private final int killRecipients = Integer.getInteger("kill.recipients", 20_000);
  private final int kills = Integer.getInteger("kills", 20);
  private final int rate = Integer.getInteger("rate", 200);
  private final int restartRecipients = Integer.getInteger("restart.recipients", 6_000);
  private final int events = Integer.getInteger("events", 5_000);
  private final int anonymizerRows = Integer.getInteger("anonymizer.rows", 300_000);
  private final int receiverDownEvents = Integer.getInteger("receiver-down.events", 1_000);
  private final Duration outage = Duration.ofSeconds(Integer.getInteger("outage.seconds", 15));
  private final long seed = Long.getLong("seed", 13);
  /** The rows to run ({@code -Dfaults.only=kill,pg-hooks}); all by default. */
  private final List<String> only = List.of(System.getProperty("faults.only", "all").split(","));

  /** One row of the table. */
  record Row(String fault, String work, long lost, long duplicates, long marked, String agree, double seconds) {}

  private ThrowawayPostgres pg;

  void run() throws Exception {
    System.out.printf(
        "scenario faults: %d host kills during a bulk send of %d at %d/s; PostgreSQL restarts (%d s down) during a bulk"
            + " send of %d, %d webhook events and an anonymizer run of %d rows; SES held 10 s for a minute; a receiver"
            + " down for two attempts of %d deliveries%n",
        kills, killRecipients, rate, outage.toSeconds(), restartRecipients, events, anonymizerRows, receiverDownEvents);
    List<Row> rows = new ArrayList<>();
    try (ThrowawayPostgres cluster = ThrowawayPostgres.start();
        SesLocalServer ses = SesLocalServer.start()) {
      pg = cluster;
      if (selected("kill")) {
        rows.add(hostKilledDuringBulkSend(ses));
      }
      if (selected("pg-bulk")) {
        rows.add(postgresRestartedDuringBulkSend(ses));
      }
      if (selected("pg-hooks")) {
        rows.add(postgresRestartedDuringWebhookBurst());
      }
      if (selected("pg-anon")) {
        rows.add(postgresRestartedDuringAnonymizerRun());
      }
      if (selected("slow-ses")) {
        rows.add(sesHeldDuringBulkSend(ses));
      }
      if (selected("receiver-down")) {
        rows.add(receiverDownForTwoAttempts());
      }
    }
    System.out.println();
    System.out.println("| fault | work | lost | duplicates | of which marked in doubt | rows agree with workflows | time |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    for (Row row : rows) {
      System.out.printf(
          "| %s | %s | %d | %d | %d | %s | %.0f s |%n",
          row.fault(), row.work(), row.lost(), row.duplicates(), row.marked(), row.agree(), row.seconds());
    }
    System.out.println("targets: 0 lost in every row; duplicates only inside the window of doubt, each marked");
  }

  private boolean selected(String row) {
    return only.contains("all") || only.contains(row);
  }

  // ---------------------------------------------------------------------------------------------
  // The rows

  private Row hostKilledDuringBulkSend(SesLocalServer ses) throws Exception {
    ses.clear();
    String schema = schema("kill");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start()) {
      HostProcess host = host(schema, temporal, ses.endpoint().toString(), List.of());
      try {
        String id = startBulkSend(host, killRecipients);
        Random random = new Random(seed);
        int done = 0;
        while (done < kills && !bulkSendEnded(schema, id)) {
          Thread.sleep(3_000 + random.nextInt(4_000));
          host.kill();
          done++;
          host = host(schema, temporal, ses.endpoint().toString(), List.of());
        }
        System.out.printf("killed the worker host %d times%n", done);
        await(() -> bulkSendEnded(schema, id), Duration.ofMinutes(30));
        Outcome outcome = bulkSendOutcome(schema, id, ses, temporal);
        return new Row(
            "worker host SIGKILLed " + done + " times, restarted", "bulk send of " + killRecipients + " at " + rate + "/s",
            outcome.lost(), outcome.duplicates(), outcome.marked(), outcome.agree(), seconds(start));
      } finally {
        host.close();
      }
    }
  }

  private Row postgresRestartedDuringBulkSend(SesLocalServer ses) throws Exception {
    ses.clear();
    String schema = schema("pg_bulk");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = host(schema, temporal, ses.endpoint().toString(), List.of())) {
      String id = startBulkSend(host, restartRecipients);
      await(() -> ses.emails().size() >= restartRecipients / 3, Duration.ofMinutes(5));
      pg.restart(outage);
      await(() -> bulkSendEnded(schema, id), Duration.ofMinutes(30));
      Outcome outcome = bulkSendOutcome(schema, id, ses, temporal);
      return new Row(
          "PostgreSQL down " + outage.toSeconds() + " s", "bulk send of " + restartRecipients + " at " + rate + "/s",
          outcome.lost(), outcome.duplicates(), outcome.marked(), outcome.agree(), seconds(start));
    }
  }

  private Row postgresRestartedDuringWebhookBurst() throws Exception {
    String schema = schema("pg_hooks");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = host(schema, temporal, null, List.of());
        CountingReceiver receiver = new CountingReceiver()) {
      String key = organization(host);
      AdminApi.post(url(host) + "/api/orgs/faults/webhook-subscriptions",
          "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"petition.completed\"]}");
      Thread publishing = Thread.ofVirtual().start(() -> publish(host, key, events));
      await(() -> receiver.firstArrivalNanos.size() >= events / 5, Duration.ofMinutes(5));
      pg.restart(outage);
      publishing.join();
      await(() -> count(schema, "select count(*) from webhook_deliveries where status in ('PENDING','SENDING','WAITING')") == 0
              && count(schema, "select count(*) from webhook_deliveries") == events,
          Duration.ofMinutes(30));
      long delivered = count(schema, "select count(*) from webhook_deliveries where status = 'DELIVERED'");
      long received = receiver.firstArrivalNanos.size();
      String agree = deliveriesAgree(schema, temporal);
      return new Row(
          "PostgreSQL down " + outage.toSeconds() + " s", events + " webhook events (one subscription)",
          events - Math.min(delivered, received), receiver.requests.get() - received, 0,
          agree + "; " + delivered + " DELIVERED; duplicates are attempts sent again with the same webhook-id", seconds(start));
    }
  }

  private Row postgresRestartedDuringAnonymizerRun() throws Exception {
    String schema = schema("pg_anon");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = host(schema, temporal, null, List.of(
            "--platform.cron.jobs.anonymizer.input.batchSize=500", "--platform.cron.jobs.anonymizer.input.parallelism=2"))) {
      organization(host);
      try (Connection c = connect()) {
        AnonymizerScenario.seed(c, schema, anonymizerRows);
      }
      Matcher id = WORKFLOW_ID.matcher(AdminApi.post(url(host) + "/api/cron/anonymizer/run", ""));
      if (!id.find()) {
        throw new IllegalStateException("no workflow id from the manual run");
      }
      Thread.sleep(2_000);
      pg.restart(outage);
      try (Client client = new Client(temporal.port)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result =
            client.workflows.newUntypedWorkflowStub(id.group(1)).getResult(1, TimeUnit.HOURS, Map.class);
        long left = count(schema,
            "select (select count(*) from contacts where deleted_at + interval '30 days' <= now() and anonymized_at is null)"
                + " + (select count(*) from petitions where deleted_at + interval '30 days' <= now() and anonymized_at is null)");
        String outcome = String.valueOf(result.get("outcome"));
        String stored = text(schema, "select outcome from cron_runs where workflow_id = '" + id.group(1) + "'");
        String agree = (outcome.equals(stored) ? "yes" : "no") + " (workflow " + outcome + ", row " + stored + ")";
        return new Row(
            "PostgreSQL down " + outage.toSeconds() + " s", "anonymizer run over " + anonymizerRows + " rows",
            left, 0, 0, agree, seconds(start));
      }
    }
  }

  private Row sesHeldDuringBulkSend(SesLocalServer ses) throws Exception {
    ses.clear();
    String schema = schema("slow_ses");
    long start = System.nanoTime();
    try (HoldingProxy proxy = HoldingProxy.start(ses.endpoint());
        TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = host(schema, temporal, proxy.endpoint().toString(), List.of())) {
      String id = startBulkSend(host, restartRecipients);
      long holdFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      long holdUntil = holdFrom + TimeUnit.SECONDS.toNanos(60);
      proxy.hold(n -> {
        long now = System.nanoTime();
        return now >= holdFrom && now < holdUntil ? Duration.ofSeconds(10) : Duration.ZERO;
      });
      await(() -> bulkSendEnded(schema, id), Duration.ofMinutes(30));
      Outcome outcome = bulkSendOutcome(schema, id, ses, temporal);
      return new Row(
          "SES answers held 10 s for a minute", "bulk send of " + restartRecipients + " at " + rate + "/s",
          outcome.lost(), outcome.duplicates(), outcome.marked(), outcome.agree(), seconds(start));
    }
  }

  private Row receiverDownForTwoAttempts() throws Exception {
    String schema = schema("down");
    long start = System.nanoTime();
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/hooks", exchange -> {
      exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      int n = seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      exchange.sendResponseHeaders(n <= 2 ? 503 : 204, -1); // down for the first two attempts
      exchange.close();
    });
    receiver.start();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        // Every delivery fails twice in a row here: the default 25 consecutive failures would
        // disable the subscription (by design), which is not the fault under test.
        HostProcess host = host(schema, temporal, null, List.of(
            "--platform.webhooks.retry-delays=2s,2s,2s,2s", "--platform.webhooks.disable-after-consecutive-failures=100000"))) {
      String key = organization(host);
      AdminApi.post(url(host) + "/api/orgs/faults/webhook-subscriptions",
          "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\",\"eventTypes\":[\"petition.completed\"]}");
      publish(host, key, receiverDownEvents);
      await(() -> count(schema, "select count(*) from webhook_deliveries where status in ('PENDING','SENDING','WAITING')") == 0,
          Duration.ofMinutes(30));
      long delivered = count(schema, "select count(*) from webhook_deliveries where status = 'DELIVERED'");
      long atThird = count(schema,
          "select count(*) from (select d.id from webhook_deliveries d join webhook_attempts a on a.delivery_id = d.id"
              + " where d.status = 'DELIVERED' group by d.id having count(*) = 3) x");
      String agree = deliveriesAgree(schema, temporal) + "; " + atThird + " of " + receiverDownEvents + " DELIVERED at attempt 3"
          + "; by status " + text(schema, "select string_agg(status || ' ' || n, ', ') from (select status, count(*) n from webhook_deliveries group by status) x");
      return new Row(
          "webhook receiver down for two attempts", receiverDownEvents + " deliveries, retry delays 2 s",
          receiverDownEvents - delivered, 0, 0, agree, seconds(start));
    } finally {
      receiver.stop(0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bulk sends

  record Outcome(long lost, long duplicates, long marked, String agree) {}

  /** Organization, petition and {@code recipients} contacts, then the bulk send; returns its id. */
  private String startBulkSend(HostProcess host, int recipients) throws Exception {
    organization(host);
    String petition = id(AdminApi.post(url(host) + "/api/orgs/faults/petitions", "{\"title\":\"Faults\"}"));
    for (int from = 0; from < recipients; from += 10_000) {
      StringBuilder body = new StringBuilder("{\"contacts\":[");
      for (int i = from; i < Math.min(recipients, from + 10_000); i++) {
        body.append(i == from ? "" : ",").append("{\"email\":\"f").append(i).append("@example.com\"}");
      }
      AdminApi.post(url(host) + "/api/orgs/faults/contacts", body.append("]}").toString());
    }
    return id(AdminApi.post(url(host) + "/api/orgs/faults/bulk-sends",
        "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"allContacts\":true}"));
  }

  private boolean bulkSendEnded(String schema, String id) {
    String status = text(schema, "select status from bulk_sends where id = '" + id + "'");
    return "COMPLETED".equals(status) || "CANCELLED".equals(status);
  }

  /** Recipients without a message at SES, with more than one, and of those the ones marked in doubt. */
  private Outcome bulkSendOutcome(String schema, String id, SesLocalServer ses, TemporalServerProcess temporal)
      throws Exception {
    Map<String, Long> perAddress =
        ses.emails().stream().collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
    Map<String, Boolean> inDoubt = new HashMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
      try (ResultSet r = s.executeQuery(
          "select c.email, coalesce(m.in_doubt, false) from bulk_send_recipients b join contacts c on c.id = b.contact_id"
              + " left join email_messages m on m.bulk_send_id = b.bulk_send_id and m.contact_id = b.contact_id"
              + " where b.bulk_send_id = '" + id + "'")) {
        while (r.next()) {
          inDoubt.put(r.getString(1), r.getBoolean(2));
        }
      }
    }
    long lost = inDoubt.keySet().stream().filter(a -> !perAddress.containsKey(a)).count();
    List<String> duplicated = perAddress.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    long marked = duplicated.stream().filter(a -> inDoubt.getOrDefault(a, false)).count();
    long markedTotal = inDoubt.values().stream().filter(d -> d).count();
    String stored = text(schema, "select status || ' ' || sent from bulk_sends where id = '" + id + "'");
    try (Client client = new Client(temporal.port)) {
      BulkSendProgress result =
          client.workflows.newUntypedWorkflowStub(BulkSendWorkflow.workflowId(id)).getResult(BulkSendProgress.class);
      String workflow = result.status() + " " + result.sent();
      return new Outcome(lost, duplicated.size(), marked,
          (workflow.equals(stored) ? "yes" : "no") + " (workflow " + workflow + ", row " + stored + "; " + markedTotal
              + " rows marked in doubt)");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Webhooks

  /** Publishes {@code count} events with the organization's key, each retried until accepted. */
  private void publish(HostProcess host, String key, int count) {
    LeanHttp.Client publisher = new LeanHttp.Client(host.httpPort, key);
    Semaphore inFlight = new Semaphore(16);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        String body = "{\"id\":\"evt-" + i + "\",\"type\":\"petition.completed\",\"data\":{\"n\":" + i + "}}";
        inFlight.acquireUninterruptibly();
        executor.submit(() -> {
          try {
            for (int attempt = 0; ; attempt++) {
              try {
                if (publisher.post("/api/orgs/faults/events", body).status() < 300) {
                  return;
                }
              } catch (Exception retry) {
                // the host or its database is down for a moment (a broken connection, a garbled
                // answer): publish the same id again
              }
              Thread.sleep(Math.min(2_000, 100L << Math.min(attempt, 5)));
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.release();
          }
        });
      }
    }
  }

  /** Whether every delivery row says what its workflow returned. */
  private String deliveriesAgree(String schema, TemporalServerProcess temporal) throws Exception {
    Map<String, String> rows = new HashMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
      try (ResultSet r = s.executeQuery("select id, status from webhook_deliveries")) {
        while (r.next()) {
          rows.put(r.getString(1), r.getString(2));
        }
      }
    }
    int disagree = 0;
    try (Client client = new Client(temporal.port)) {
      for (var row : rows.entrySet()) {
        DeliveryStatus result =
            client.workflows.newUntypedWorkflowStub(WebhookDeliveryWorkflow.workflowId(row.getKey())).getResult(DeliveryStatus.class);
        if (!result.status().equals(row.getValue())) {
          disagree++;
        }
      }
    }
    return disagree == 0 ? "yes, all " + rows.size() : "no: " + disagree + " of " + rows.size() + " differ";
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  private HostProcess host(String schema, TemporalServerProcess temporal, String sesEndpoint, List<String> more)
      throws Exception {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.datasource.url=" + pg.jdbcUrl(),
        // A killed worker's sticky queue would hold its workflows' tasks until the test server
        // gives up on it (see docs/architecture.md, Run modes).
        "--platform.workers.sticky-execution=false",
        "--platform.webhooks.allow-private-addresses=true",
        "--platform.email.max-per-second=" + rate,
        "--platform.bulk-send.page-size=200",
        "--platform.bulk-send.window=4"));
    if (sesEndpoint != null) {
      arguments.addAll(List.of(
          "--platform.email.ses.endpoint=" + sesEndpoint,
          "--platform.email.ses.access-key-id=local",
          "--platform.email.ses.secret-access-key=local"));
    }
    arguments.addAll(more);
    return HostProcess.startRemote(schema, temporal.port, arguments);
  }

  /** Creates organization {@code faults} and returns a key of its own. */
  private String organization(HostProcess host) throws Exception {
    AdminApi.post(url(host) + "/api/orgs", "{\"id\":\"faults\",\"name\":\"Faults\"}");
    Matcher key = KEY.matcher(AdminApi.post(url(host) + "/api/orgs/faults/api-keys", "{\"name\":\"faults\"}"));
    if (!key.find()) {
      throw new IllegalStateException("no API key created");
    }
    return key.group(1);
  }


  private static String url(HostProcess host) {
    return "http://127.0.0.1:" + host.httpPort;
  }

  private static String id(String json) {
    Matcher m = ID.matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + json);
    }
    return m.group(1);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
  }

  /** A single value, or null while the database cannot answer (it may be restarting). */
  private String text(String schema, String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
      try (ResultSet r = s.executeQuery(sql)) {
        return r.next() ? r.getString(1) : null;
      }
    } catch (SQLException down) {
      return null;
    }
  }

  private long count(String schema, String sql) {
    String value = text(schema, sql);
    return value == null ? -1 : Long.parseLong(value);
  }

  private static String schema(String name) {
    return "faults_" + name + "_" + System.currentTimeMillis();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not reached within " + timeout);
      }
      Thread.sleep(250);
    }
  }

  /** A Temporal client of the scenario's own server. */
  private static final class Client implements AutoCloseable {
    final WorkflowServiceStubs stubs;
    final WorkflowClient workflows;

    Client(int port) {
      stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      workflows = WorkflowClient.newInstance(stubs);
    }

    @Override
    public void close() {
      stubs.shutdownNow();
    }
  }
}
