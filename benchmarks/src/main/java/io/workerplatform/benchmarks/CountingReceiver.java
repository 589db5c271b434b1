package io.workerplatform.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback webhook receiver that answers 204 and notes when each message id first arrived. */
final class CountingReceiver implements AutoCloseable {
  private final HttpServer server;
  final Map<String, Long> firstArrivalNanos = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();

  CountingReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          long now = System.nanoTime();
          try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
          }
          String id = exchange.getRequestHeaders().getFirst("webhook-id");
          if (id != null) {
            firstArrivalNanos.putIfAbsent(id, now);
          }
          requests.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  void reset() {
    firstArrivalNanos.clear();
    requests.set(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
