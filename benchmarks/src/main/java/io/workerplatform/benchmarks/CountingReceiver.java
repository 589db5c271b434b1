package io.workerplatform.benchmarks;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback webhook receiver that answers 204 and notes when each message id first arrived. */
public final class CountingReceiver implements AutoCloseable {
  private final LeanHttp.Server server;
  public final Map<String, Long> firstArrivalNanos = new ConcurrentHashMap<>();
  public final AtomicInteger requests = new AtomicInteger();

  public CountingReceiver() throws IOException {
    server =
        new LeanHttp.Server(
            request -> {
              long now = System.nanoTime();
              String id = request.headers().get("webhook-id");
              if (id != null) {
                firstArrivalNanos.putIfAbsent(id, now);
              }
              requests.incrementAndGet();
            });
  }

  public String url() {
    return "http://127.0.0.1:" + server.port() + "/hooks";
  }

  void reset() {
    firstArrivalNanos.clear();
    requests.set(0);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
