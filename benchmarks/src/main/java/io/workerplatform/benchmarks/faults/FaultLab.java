package io.workerplatform.benchmarks.faults;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.workerplatform.benchmarks.AdminApi;
import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.LeanHttp;
import io.workerplatform.benchmarks.TemporalServerProcess;
import io.workerplatform.benchmarks.ThrowawayPostgres;
import io.workerplatform.email.SesLocalServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every row works with: the scenario's own PostgreSQL cluster (restartable), the local SES
 * server, worker hosts as processes against a Temporal server process of the row's own, and the
 * set-up and read-back calls the rows share.
 */
final class FaultLab {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final String ORG = "faults";

  final ThrowawayPostgres pg;
  final SesLocalServer ses;
  final int rate = Integer.getInteger("rate", 200);
  final long seed = Long.getLong("seed", 13);
  /** The short outage of the rows that restart PostgreSQL during a burst. */
  final Duration outage = Duration.ofSeconds(Integer.getInteger("outage.seconds", 15));
  /** The long outage of the anonymizer and digest rows. */
  final Duration longOutage = Duration.ofSeconds(Integer.getInteger("long-outage.seconds", 120));

  FaultLab(ThrowawayPostgres pg, SesLocalServer ses) {
    this.pg = pg;
    this.ses = ses;
  }

  /** A worker host of the row's schema against the row's Temporal server. */
  HostProcess host(String schema, TemporalServerProcess temporal, String sesEndpoint, List<String> more)
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

  /** Creates organization {@value #ORG} and returns a key of its own. */
  String organization(HostProcess host) throws Exception {
    AdminApi.post(url(host) + "/api/orgs", "{\"id\":\"" + ORG + "\",\"name\":\"Faults\"}");
    Matcher key = KEY.matcher(AdminApi.post(url(host) + "/api/orgs/" + ORG + "/api-keys", "{\"name\":\"faults\"}"));
    if (!key.find()) {
      throw new IllegalStateException("no API key created");
    }
    AdminApi.unthrottled(url(host), ORG);
    return key.group(1);
  }

  /** {@code count} contacts {@code <prefix><i>@example.com}, 10,000 per call. */
  void contacts(HostProcess host, String prefix, int count) throws Exception {
    for (int from = 0; from < count; from += 10_000) {
      StringBuilder body = new StringBuilder("{\"contacts\":[");
      for (int i = from; i < Math.min(count, from + 10_000); i++) {
        body.append(i == from ? "" : ",").append("{\"email\":\"").append(prefix).append(i).append("@example.com\"}");
      }
      AdminApi.post(url(host) + "/api/orgs/" + ORG + "/contacts", body.append("]}").toString());
    }
  }

  String petition(HostProcess host, String title) throws Exception {
    return id(AdminApi.post(url(host) + "/api/orgs/" + ORG + "/petitions", "{\"title\":\"" + title + "\"}"));
  }

  /** A POST with the admin token and an {@code Idempotency-Key}: status and body; throws when the host cannot answer. */
  static HttpResponse<String> post(HostProcess host, String path, String json, String idempotencyKey)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url(host) + path))
            .timeout(Duration.ofSeconds(30))
            .header("authorization", "Bearer " + HostProcess.ADMIN_TOKEN)
            .header("content-type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Publishes {@code bodies} with the organization's key, 16 at a time, each retried until accepted. */
  static void publish(HostProcess host, String key, List<String> bodies) {
    LeanHttp.Client publisher = new LeanHttp.Client(host.httpPort, key);
    Semaphore inFlight = new Semaphore(16);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String body : bodies) {
        inFlight.acquireUninterruptibly();
        executor.submit(() -> {
          try {
            for (int attempt = 0; ; attempt++) {
              try {
                if (publisher.post("/api/orgs/" + ORG + "/events", body).status() < 300) {
                  return;
                }
              } catch (Exception retry) {
                // the host or its database is down for a moment: publish the same id again
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

  static String url(HostProcess host) {
    return "http://127.0.0.1:" + host.httpPort;
  }

  static String id(String json) {
    Matcher m = ID.matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + json);
    }
    return m.group(1);
  }

  Connection connect(String schema) throws SQLException {
    Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
    try (Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
    }
    return c;
  }

  /** A single value, or null while the database cannot answer (it may be restarting). */
  String text(String schema, String sql) {
    try (Connection c = connect(schema);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    } catch (SQLException down) {
      return null;
    }
  }

  /** A count, or -1 while the database cannot answer. */
  long count(String schema, String sql) {
    String value = text(schema, sql);
    return value == null ? -1 : Long.parseLong(value);
  }

  /** Two columns as a map (the database must be up). */
  Map<String, String> pairs(String schema, String sql) throws SQLException {
    Map<String, String> pairs = new HashMap<>();
    try (Connection c = connect(schema);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        pairs.put(r.getString(1), r.getString(2));
      }
    }
    return pairs;
  }

  static String schema(String name) {
    return "faults_" + name + "_" + System.currentTimeMillis();
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not reached within " + timeout);
      }
      Thread.sleep(250);
    }
  }

  /** A Temporal client of the row's own server. */
  static final class Client implements AutoCloseable {
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
