package io.workerplatform.benchmarks;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario {@code export}: an organization of N contacts (default 200,000) exported and downloaded
 * through a worker host with a small heap (default {@code -Xmx256m}, {@code -Dexport.heap}): the
 * archive is streamed from cursors to storage and from storage to the client. Prints the export
 * and download times, the archive's size and the host's peak RSS.
 */
final class ExportScenario {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");
  private static final Pattern SHA = Pattern.compile("\"sha256\":\"([0-9a-f]+)\"");

  private final int contacts = Integer.getInteger("contacts", 200_000);
  private final String heap = System.getProperty("export.heap", "256m");
  private final HttpClient http = HttpClient.newHttpClient();

  void run() throws Exception {
    System.out.printf("scenario export: %d contacts, host heap %s%n", contacts, heap);
    String schema = "bench_export_" + System.currentTimeMillis();
    try (HostProcess host = HostProcess.start(schema, List.of(), heap)) {
      String base = "http://127.0.0.1:" + host.httpPort;
      send(base + "/api/orgs", HostProcess.ADMIN_TOKEN, "{\"id\":\"bench\",\"name\":\"Bench\"}");
      String key = match(KEY, send(base + "/api/orgs/bench/api-keys", HostProcess.ADMIN_TOKEN, "{\"name\":\"bench\"}"));
      AdminApi.unthrottled(base, "bench");
      long seedStart = System.nanoTime();
      try (Connection c = BenchDatabase.connect();
          Statement s = c.createStatement()) {
        s.execute("insert into " + schema + ".contacts (id, org_id, email, name, locale) select 'con_' || g, 'bench', "
            + "'contact' || g || '@example.com', 'Contact number ' || g, 'en' from generate_series(1, " + contacts + ") g");
      }
      System.out.printf("seeded %d contacts in %.1f s%n", contacts, (System.nanoTime() - seedStart) / 1e9);

      long start = System.nanoTime();
      String exportId = match(ID, send(base + "/api/orgs/bench/exports", key, "{}"));
      String path = base + "/api/orgs/bench/exports/" + exportId;
      String view;
      do {
        Thread.sleep(200);
        view = get(path, key);
      } while (!List.of("COMPLETED", "FAILED").contains(match(STATUS, view)));
      double exportSeconds = (System.nanoTime() - start) / 1e9;
      if (!"COMPLETED".equals(match(STATUS, view))) {
        throw new IllegalStateException("export failed: " + view);
      }

      long downloadStart = System.nanoTime();
      HttpResponse<InputStream> download = http.send(
          HttpRequest.newBuilder(URI.create(path + "/download")).header("authorization", "Bearer " + key).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long bytes = 0;
      try (InputStream in = download.body()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          sha.update(buffer, 0, n);
          bytes += n;
        }
      }
      double downloadSeconds = (System.nanoTime() - downloadStart) / 1e9;
      boolean intact = HexFormat.of().formatHex(sha.digest()).equals(match(SHA, view));

      System.out.println();
      System.out.println("| figure | value |");
      System.out.println("| --- | --- |");
      System.out.printf("| contacts exported | %d |%n", contacts);
      System.out.printf("| export, request to COMPLETED | %.1f s |%n", exportSeconds);
      System.out.printf("| archive | %.1f MiB, sha256 %s |%n", bytes / 1048576.0, intact ? "matches" : "DIFFERS");
      System.out.printf("| download | %.1f s (HTTP %d) |%n", downloadSeconds, download.statusCode());
      System.out.printf("| worker-host peak RSS (-Xmx%s) | %d MiB |%n", heap, host.peakRssMiB());
    } finally {
      BenchDatabase.dropSchema(schema);
    }
  }

  private String send(String url, String token, String json) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private String get(String url, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String match(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("unexpected answer: " + body);
    }
    return m.group(1);
  }
}
