package io.workerplatform.benchmarks;

import io.workerplatform.bulksends.BulkSendWorkflow;
import io.workerplatform.email.SesClients;
import io.workerplatform.email.SesLocalServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import java.time.Duration;

/**
 * Scenario {@code bulk-send}: one bulk send of N recipients through a worker host (its own JVM,
 * embedded mode) to the local SES v2 server. Prints sends/s and total time, history events per
 * run, the host's peak RSS, the ceiling (the same SES calls from a plain loop with as many
 * threads as the bulk send has batches in flight) and, in a second host with
 * {@code max-per-second} R, the measured rate against R.
 */
final class BulkSendScenario {
  private static final Pattern ID = Pattern.compile("\\\"id\\\":\\\"([^\\\"]+)\\\"");

  private final int recipients = Integer.getInteger("recipients", 100_000);
  private final int window = Integer.getInteger("window", 4);
  private final int pageSize = Integer.getInteger("page.size", 200);
  private final int rate = Integer.getInteger("rate", 200);
  private final int rateSeconds = Integer.getInteger("rate.seconds", 30);
  private final HttpClient http = HttpClient.newHttpClient();

  void run() throws Exception {
    System.out.printf(
        "scenario bulk-send: %d recipients, page %d, window %d, host heap %s; rate check at %d/s for %d s%n",
        recipients, pageSize, window, HostProcess.HEAP, rate, rateSeconds);
    try (SesLocalServer ses = SesLocalServer.start()) {
      double ceiling = plainLoopCeiling(ses);
      ses.clear();
      Result full = bulkSend(ses, recipients, 1_000_000);
      ses.clear();
      Result limited = bulkSend(ses, rate * rateSeconds, rate);

      System.out.println();
      System.out.println("| figure | value | target |");
      System.out.println("| --- | --- | --- |");
      System.out.printf("| sends/s, %d recipients | %s | |%n", recipients, Stats.fmt(full.perSecond));
      System.out.printf("| total time | %.1f s | |%n", full.seconds);
      System.out.printf("| ceiling: plain SendEmail loop, %d threads | %s /s | |%n", window, Stats.fmt(ceiling));
      System.out.printf("| ratio sends / ceiling | %.2f | >= 0.7 |%n", full.perSecond / ceiling);
      System.out.printf("| runs (continue-as-new) | %d | |%n", full.runs);
      System.out.printf("| history events per run, max (mean) | %d (%.0f) | <= 10,000 |%n", full.maxEvents, full.meanEvents);
      System.out.printf("| worker-host peak RSS | %d MiB | < 1024 MiB |%n", Math.max(full.rssMiB, limited.rssMiB));
      System.out.printf(
          "| max-per-second %d: mean rate over %d sends | %s /s | within 5%% of %d |%n",
          rate, rate * rateSeconds, Stats.fmt(limited.perSecond), rate);
      System.out.printf("| max-per-second %d: busiest calendar second | %d | <= %d |%n", rate, limited.busiestSecond, rate);
    }
  }

  /** Only the rate check: R x seconds recipients with {@code max-per-second} R. */
  void rateOnly() throws Exception {
    try (SesLocalServer ses = SesLocalServer.start()) {
      Result limited = bulkSend(ses, rate * rateSeconds, rate);
      System.out.printf(
          "max-per-second %d: mean %s/s over %d sends, busiest calendar second %d%n",
          rate, Stats.fmt(limited.perSecond), rate * rateSeconds, limited.busiestSecond);
    }
  }

  record Result(double perSecond, double seconds, int runs, long maxEvents, double meanEvents, long rssMiB, int busiestSecond) {}

  private Result bulkSend(SesLocalServer ses, int count, int maxPerSecond) throws Exception {
    String schema = "bench_bulk_" + System.currentTimeMillis();
    try (HostProcess host =
        HostProcess.start(
            schema,
            List.of(
                "--platform.email.ses.endpoint=" + ses.endpoint(),
                "--platform.email.ses.access-key-id=local",
                "--platform.email.ses.secret-access-key=local",
                "--platform.email.max-per-second=" + maxPerSecond,
                "--platform.bulk-send.page-size=" + pageSize,
                "--platform.bulk-send.window=" + window))) {
      String base = "http://127.0.0.1:" + host.httpPort;
      String petition = seed(base, count);
      if (maxPerSecond < count) {
        // A rate is measured on a warm host: a first, unmeasured bulk send to a fifth of them.
        String warmUp = "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"contactIds\":["
            + contactIds(schema, count / 5) + "]}";
        awaitCompleted(base, id(AdminApi.post(base + "/api/orgs/bench/bulk-sends", warmUp)));
      }
      CpuUse cpu = CpuUse.of(host);
      long start = System.nanoTime();
      String id =
          id(AdminApi.post(base + "/api/orgs/bench/bulk-sends",
              "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"allContacts\":true}"));
      awaitCompleted(base, id);
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] events = host.historyEvents(BulkSendWorkflow.workflowId(id));
      int[] timing = sendTiming(schema, id);
      double perSecond = timing[1] > 0 ? (double) count / timing[1] * 1000 : count / seconds;
      System.out.printf(
          "bulk send of %d at max-per-second %d: %.1f s end to end, sends spanning %d ms; CPU ms per send: %s%n",
          count, maxPerSecond, seconds, timing[1], cpu.since(count));
      long sum = 0;
      long max = 0;
      for (long e : events) {
        sum += e;
        max = Math.max(max, e);
      }
      return new Result(perSecond, seconds, events.length, max, (double) sum / events.length, host.peakRssMiB(), timing[0]);
    } finally {
      BenchDatabase.dropSchema(schema);
    }
  }

  /** The organization {@code bench} with a petition and {@code count} contacts; returns the petition's id. */
  static String seed(String base, int count) throws Exception {
    AdminApi.post(base + "/api/orgs", "{\"id\":\"bench\",\"name\":\"Bench\"}");
    String petition = id(AdminApi.post(base + "/api/orgs/bench/petitions", "{\"title\":\"Bench petition\"}"));
    for (int from = 0; from < count; from += 10_000) {
      StringBuilder body = new StringBuilder("{\"contacts\":[");
      for (int i = from; i < Math.min(count, from + 10_000); i++) {
        body.append(i == from ? "" : ",").append("{\"email\":\"r").append(i).append("@example.com\",\"name\":\"R").append(i).append("\"}");
      }
      AdminApi.post(base + "/api/orgs/bench/contacts", body.append("]}").toString());
    }
    return petition;
  }

  void awaitCompleted(String base, String bulkSendId) throws Exception {
    while (!get(base + "/api/orgs/bench/bulk-sends/" + bulkSendId).contains("\"status\":\"COMPLETED\"")) {
      Thread.sleep(250);
    }
  }

  /** The first {@code n} contact ids of the benchmark's organization, as a JSON list body. */
  static String contactIds(String schema, int n) throws SQLException {
    try (Connection c = BenchDatabase.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select id from " + schema + ".contacts order by id limit " + n)) {
      StringBuilder ids = new StringBuilder();
      while (r.next()) {
        ids.append(ids.isEmpty() ? "" : ",").append('"').append(r.getString(1)).append('"');
      }
      return ids.toString();
    }
  }

  /**
   * From the message log: the most sends in one calendar second, and the milliseconds from the
   * first send to the last.
   */
  static int[] sendTiming(String schema, String bulkSendId) throws SQLException {
    try (Connection c = BenchDatabase.connect();
        Statement s = c.createStatement()) {
      String where = " from " + schema + ".email_messages where bulk_send_id = '" + bulkSendId + "' and state = 'SENT'";
      int busiest;
      try (ResultSet r = s.executeQuery("select coalesce(max(n), 0) from (select count(*) n" + where + " group by date_trunc('second', updated_at)) t")) {
        r.next();
        busiest = r.getInt(1);
      }
      try (ResultSet r = s.executeQuery("select extract(epoch from max(updated_at) - min(updated_at)) * 1000" + where)) {
        r.next();
        return new int[] {busiest, r.getInt(1)};
      }
    }
  }

  /** The same SendEmail calls from {@code window} threads, as fast as the SES server answers. */
  private double plainLoopCeiling(SesLocalServer ses) throws Exception {
    int calls = Math.min(recipients, 50_000);
    try (SesV2Client client = SesClients.create(ses.endpoint(), "eu-west-1", "local", "local", window * 2, Duration.ofSeconds(20))) {
      AtomicInteger next = new AtomicInteger();
      double nodeStart = CpuUse.named("node");
      double selfStart = CpuUse.self();
      long start = System.nanoTime();
      try (ExecutorService threads = Executors.newFixedThreadPool(window)) {
        for (int t = 0; t < window; t++) {
          threads.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                  client.sendEmail(request(i));
                }
                return null;
              });
        }
      }
      double perSecond = Stats.perSecond(calls, System.nanoTime() - start);
      System.out.printf("ceiling, plain SendEmail loop: %d calls, %s/s; CPU ms per call: Node.js %.2f, benchmark process %.2f%n",
          calls, Stats.fmt(perSecond), (CpuUse.named("node") - nodeStart) * 1000 / calls, (CpuUse.self() - selfStart) * 1000 / calls);
      return perSecond;
    }
  }

  private static SendEmailRequest request(int i) {
    return SendEmailRequest.builder()
        .fromEmailAddress("no-reply@worker-platform.local")
        .destination(Destination.builder().toAddresses("r" + i + "@example.com").build())
        .content(
            EmailContent.builder()
                .simple(
                    Message.builder()
                        .subject(Content.builder().data("Bench invites you to sign \"Bench petition\"").build())
                        .body(
                            Body.builder()
                                .html(Content.builder().data("<p>Hello R" + i + ",</p><p>Bench asks you to sign the petition <strong>Bench petition</strong>.</p>").build())
                                .text(Content.builder().data("Hello R" + i + ",\n\nBench asks you to sign the petition \"Bench petition\".").build())
                                .build())
                        .build())
                .build())
        .build();
  }


  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + HostProcess.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  static String id(String body) {
    Matcher m = ID.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + body);
    }
    return m.group(1);
  }
}
