package io.workerplatform.common;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback for the fakes of the tests (a webhook receiver, a signature
 * provider, SES, SNS): each request, body read whole, goes to one handler on a virtual thread of
 * its own, and the handler's answer is written back. A handler that throws answers 500.
 */
public final class LocalHttpServer implements AutoCloseable {

  public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    /** The first value of a header, by case-insensitive name; null when absent. */
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

  public record Response(int status, Map<String, String> headers, byte[] body) {
    public static Response of(int status, String contentType, byte[] body) {
      return new Response(status, Map.of("Content-Type", contentType), body);
    }

    public static Response text(int status, String body) {
      return of(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }
  }

  @FunctionalInterface
  public interface Handler {
    Response handle(Request request) throws Exception;
  }

  private final HttpServer server;

  private LocalHttpServer(Handler handler) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> serve(exchange, handler));
    server.start();
  }

  public static LocalHttpServer start(Handler handler) {
    return new LocalHttpServer(handler);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private static void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              exchange.getRequestBody().readAllBytes());
      Response response;
      try {
        response = handler.handle(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        response = Response.text(500, "interrupted");
      } catch (Exception e) {
        response = Response.text(500, e.toString());
      }
      response.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
      if (response.body().length > 0) {
        exchange.getResponseBody().write(response.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
