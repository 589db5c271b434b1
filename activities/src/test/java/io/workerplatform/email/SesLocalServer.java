package io.workerplatform.email;

import io.workerplatform.common.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The npm package {@code aws-ses-v2-local} (installed from {@code temporal-dev/ses-local} by the
 * build) run as a child process on a free loopback port: a real SES v2 HTTP endpoint for the AWS
 * SDK that keeps every message it accepted, read back through {@code GET /store}.
 */
public final class SesLocalServer implements AutoCloseable {
  private static final JsonMapper JSON = TestDatabase.JSON;

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A message as the local server stored it. */
  public record ReceivedEmail(
      String messageId, String from, List<String> to, String subject, String html, String text) {}

  private SesLocalServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static SesLocalServer start() {
    Path cli = locateCli();
    int port = freePort();
    try {
      Path log = Files.createTempFile("ses-local", ".log");
      Process process =
          new ProcessBuilder("node", cli.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      SesLocalServer server = new SesLocalServer(process, port);
      server.awaitHealthy(log);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local SES server (is node installed?)", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public List<ReceivedEmail> emails() {
    JsonNode store = JSON.readTree(get("/store"));
    List<ReceivedEmail> emails = new ArrayList<>();
    for (JsonNode e : store.path("emails")) {
      List<String> to = new ArrayList<>();
      e.path("destination").path("to").forEach(a -> to.add(a.asString()));
      emails.add(
          new ReceivedEmail(
              e.path("messageId").asString(),
              e.path("from").asString(),
              to,
              e.path("subject").asString(),
              e.path("body").path("html").asString(null),
              e.path("body").path("text").asString(null)));
    }
    return emails;
  }

  public List<ReceivedEmail> emailsTo(String address) {
    return emails().stream().filter(e -> e.to().contains(address)).toList();
  }

  public void clear() {
    send(HttpRequest.newBuilder(endpoint().resolve("/clear-store")).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private String get(String path) {
    return send(HttpRequest.newBuilder(endpoint().resolve(path)).GET().build());
  }

  private String send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " -> " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitHealthy(Path log) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("local SES server exited: " + Files.readString(log));
      }
      try {
        if (http.send(HttpRequest.newBuilder(endpoint().resolve("/health-check")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("local SES server did not become healthy: " + Files.readString(log));
  }

  /** Walks up from the working directory to {@code temporal-dev/ses-local}. */
  private static Path locateCli() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path project = dir.resolve("temporal-dev/ses-local");
      if (Files.isDirectory(project)) {
        Path cli = project.resolve("node_modules/aws-ses-v2-local/dist/cli.js");
        if (!Files.exists(cli)) {
          throw new IllegalStateException(
              "aws-ses-v2-local is not installed: run 'npm ci' in " + project + " (the build does)");
        }
        return cli;
      }
    }
    throw new IllegalStateException("temporal-dev/ses-local not found above " + Path.of("").toAbsolutePath());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
