package io.workerplatform.benchmarks;

import io.workerplatform.imports.ImportWorkflow;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Scenario {@code import}: a CSV of N contact rows (default 1,000,000; a tenth of them already
 * contacts, in another case) uploaded to a worker host with a small heap (default {@code
 * -Xmx256m}, {@code -Dimport.heap}) and imported. Prints rows/s from the upload's start to
 * COMPLETED, the host's peak RSS, the longest batch transaction, the history events of every run,
 * and the ceiling measured in the same run: {@code COPY} of the same file into a staging table and
 * one set-based upsert into another organization seeded alike, the new contacts' ids random as the
 * platform's are (and, for comparison, sequential, which index maintenance makes far cheaper).
 */
final class ImportScenario {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");
  private static final String BOUNDARY = "bench-import-boundary";

  private final int rows = Integer.getInteger("rows", 1_000_000);
  private final String heap = System.getProperty("import.heap", "256m");
  private final int batchSize = Integer.getInteger("import.batch-size", 1_000);
  private final HttpClient http = HttpClient.newHttpClient();

  void run() throws Exception {
    int existing = rows / 10;
    System.out.printf("scenario import: %d contact rows (%d of them existing contacts), host heap %s, batches of %d%n",
        rows, existing, heap, batchSize);
    Path file = Files.createTempFile("bench-import", ".csv");
    String schema = "bench_import_" + System.currentTimeMillis();
    try {
      write(file);
      try (HostProcess host = HostProcess.start(schema, List.of("--platform.imports.batch-size=" + batchSize), heap)) {
        String base = "http://127.0.0.1:" + host.httpPort;
        AdminApi.post(base + "/api/orgs", "{\"id\":\"bench\",\"name\":\"Bench\"}");
        AdminApi.post(base + "/api/orgs", "{\"id\":\"ceiling\",\"name\":\"Ceiling\"}");
        AdminApi.post(base + "/api/orgs", "{\"id\":\"ceiling-seq\",\"name\":\"Ceiling, sequential ids\"}");
        String key = match(KEY, AdminApi.post(base + "/api/orgs/bench/api-keys", "{\"name\":\"bench\"}"));
        AdminApi.unthrottled(base, "bench");
        seed(schema, "bench", existing);
        seed(schema, "ceiling", existing);
        seed(schema, "ceiling-seq", existing);

        // before the import: the import then writes into the larger table, never the ceiling
        double ceilingSeconds = ceiling(schema, file, "ceiling", "'con_' || replace(gen_random_uuid()::text, '-', '')");
        CpuUse cpu = CpuUse.of(host);
        long start = System.nanoTime();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/orgs/bench/imports"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
                        + "contacts\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\n"),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + BOUNDARY + "--\r\n")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        if (created.statusCode() != 202) {
          throw new IllegalStateException("upload answered " + created.statusCode() + ": " + created.body());
        }
        String id = match(ID, created.body());
        String view;
        do {
          Thread.sleep(200);
          view = http.send(HttpRequest.newBuilder(URI.create(base + "/api/orgs/bench/imports/" + id))
              .header("authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).body();
        } while (!List.of("COMPLETED", "FAILED", "CANCELLED").contains(match(STATUS, view)));
        double importSeconds = (System.nanoTime() - start) / 1e9;
        String importCpu = cpu.since(rows / 1000);
        long rss = host.peakRssMiB();
        long[] events = host.historyEvents(ImportWorkflow.workflowId(id));
        long[] stored = stored(schema, id);
        double sequentialSeconds = ceiling(schema, file, "ceiling-seq", "'cc_' || row_number() over ()");

        double rate = rows / importSeconds;
        double ceilingRate = rows / ceilingSeconds;
        System.out.println();
        System.out.println("| figure | value | target |");
        System.out.println("| --- | --- | --- |");
        System.out.printf("| rows (imported, updated, failed) | %d (%d, %d, %d), %s | all, %d updated |%n",
            stored[0], stored[1], stored[2], stored[3], match(STATUS, view), existing);
        System.out.printf("| file | %.1f MiB, uploaded in %.1f s |  |%n", Files.size(file) / 1048576.0, uploadSeconds);
        System.out.printf("| import, upload start to COMPLETED | %.1f s, %.0f rows/s |  |%n", importSeconds, rate);
        System.out.printf("| ceiling: COPY + one upsert, random ids as the platform's | %.1f s, %.0f rows/s |  |%n",
            ceilingSeconds, ceilingRate);
        System.out.printf("| ratio to the ceiling | %.2f | >= 0.5 |%n", rate / ceilingRate);
        System.out.printf("| the same with sequential ids (an index's right edge), ratio | %.1f s, %.2f |  |%n",
            sequentialSeconds, rate / (rows / sequentialSeconds));
        System.out.printf("| CPU ms per 1,000 rows: import | %s |  |%n", importCpu);
        System.out.printf("| worker-host peak RSS (-Xmx%s) | %d MiB | < 512 MiB |%n", heap, rss);
        System.out.printf("| longest batch transaction | %d ms | < 1000 ms |%n", stored[4]);
        System.out.printf("| history events, all %d runs (largest run) | %d (%d) |  |%n",
            events.length, Arrays.stream(events).sum(), Arrays.stream(events).max().orElse(0));
      }
    } finally {
      Files.deleteIfExists(file);
      BenchDatabase.dropSchema(schema);
    }
  }

  /** Rows {@code contact<i>@example.com}; the first tenth are the seeded contacts, in another case. */
  private void write(Path file) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("email,name\n");
      for (int i = 1; i <= rows; i++) {
        out.write("contact" + i + "@example.com,Contact " + i + "\n");
      }
    }
  }

  private static void seed(String schema, String orgId, int existing) throws Exception {
    try (Connection c = BenchDatabase.connect(); Statement s = c.createStatement()) {
      s.execute("insert into " + schema + ".contacts (id, org_id, email, name, locale) select '" + orgId + "_' || g, '"
          + orgId + "', 'CONTACT' || g || '@EXAMPLE.COM', 'Old ' || g, 'en' from generate_series(1, " + existing + ") g");
      s.execute("analyze " + schema + ".contacts");
    }
  }

  /** Rows, imported, updated, failed, longest batch (ms), as the import's row has them. */
  private static long[] stored(String schema, String id) throws Exception {
    try (Connection c = BenchDatabase.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select rows, imported, updated, failed, longest_batch_ms from " + schema
            + ".imports where id = '" + id + "'")) {
      r.next();
      return new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)};
    }
  }

  /**
   * The same file through COPY into a staging table and one set-based upsert into organization
   * {@code orgId}, new contacts' ids made by {@code newId}: the seconds it took.
   */
  private static double ceiling(String schema, Path file, String orgId, String newId) throws Exception {
    long start = System.nanoTime();
    try (Connection c = BenchDatabase.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("set search_path to " + schema);
        s.execute("create temporary table staging (email text, name text) on commit drop");
        try (InputStream in = Files.newInputStream(file)) {
          new CopyManager(c.unwrap(BaseConnection.class))
              .copyIn("copy staging (email, name) from stdin with (format csv, header true)", in);
        }
        s.execute("update contacts c set email = s.email, name = s.name from staging s where c.org_id = '" + orgId + "'"
            + " and c.deleted_at is null and lower(c.email) = lower(s.email)");
        s.execute("insert into contacts (id, org_id, email, name, locale, created_at) select " + newId + ", '" + orgId
            + "', s.email, s.name, 'en', now() from staging s where not exists (select 1 from contacts c"
            + " where c.org_id = '" + orgId + "' and c.deleted_at is null and lower(c.email) = lower(s.email))");
      }
      c.commit();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static String match(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("unexpected answer: " + body);
    }
    return m.group(1);
  }
}
