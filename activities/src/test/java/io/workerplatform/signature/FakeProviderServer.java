package io.workerplatform.signature;

import io.workerplatform.common.TestDatabase;
import tools.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The HTTP side shared by the fake providers: a real server on loopback that records every
 * request, checks the bearer token, and can be told to fail the next requests with a status.
 */
public abstract class FakeProviderServer implements AutoCloseable {
  static final JsonMapper json = TestDatabase.JSON;

  public record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  record Answer(int status, String contentType, byte[] body) {
    static Answer json(int status, Object value) {
      return new Answer(status, "application/json", FakeProviderServer.json.writeValueAsBytes(value));
    }
  }

  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> failures = new ConcurrentLinkedDeque<>();
  private final HttpServer server;
  private final String token;

  FakeProviderServer(String token) {
    this.token = token;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code count} requests answer {@code status} (after being recorded). */
  public void failNext(int status, int count) {
    for (int i = 0; i < count; i++) {
      failures.add(status);
    }
  }

  public List<Received> received(String method, String pathPattern) {
    return received.stream().filter(r -> r.method().equals(method) && r.path().matches(pathPattern)).toList();
  }

  abstract Answer answer(Received request) throws IOException;

  private void handle(HttpExchange exchange) throws IOException {
    Received request =
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            exchange.getRequestBody().readAllBytes());
    received.add(request);
    Answer answer;
    Integer failure = failures.poll();
    if (failure != null) {
      answer = Answer.json(failure, Map.of("message", "injected failure"));
    } else if (!("Bearer " + token).equals(request.header("Authorization"))) {
      answer = Answer.json(401, Map.of("message", "unauthorized"));
    } else {
      try {
        answer = answer(request);
      } catch (IllegalArgumentException e) {
        answer = Answer.json(400, Map.of("message", e.getMessage()));
      }
    }
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    if (answer.body().length > 0) {
      exchange.getResponseBody().write(answer.body());
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
