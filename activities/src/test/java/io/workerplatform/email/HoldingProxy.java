package io.workerplatform.email;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of a server (the local SES server) that forwards every request at once
 * and holds the server's answer for a while before passing it on: the server has acted, the
 * caller does not know yet. How long is decided per request, by its number (0, 1, ...).
 */
public final class HoldingProxy implements AutoCloseable {
  /** How long to hold the answer to request number {@code n}. */
  @FunctionalInterface
  public interface Hold {
    Duration forRequest(int n);
  }

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive");

  private final URI target;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Hold hold = n -> Duration.ZERO;

  private HoldingProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    server.setExecutor(threads);
    server.createContext("/", this::forward);
    server.start();
  }

  public static HoldingProxy start(URI target) {
    try {
      return new HoldingProxy(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** From now on, holds answers as {@code hold} says. */
  public void hold(Hold hold) {
    this.hold = hold;
  }

  /** Requests forwarded so far. */
  public int requests() {
    return requests.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    int n = requests.getAndIncrement();
    try (exchange; InputStream in = exchange.getRequestBody()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase())) {
          values.forEach(v -> request.header(name, v));
        }
      });
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Thread.sleep(hold.forRequest(n).toMillis());
      response.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException callerGone) {
      // the caller gave up waiting (its own timeout): the server has acted all the same
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    client.close();
  }
}
