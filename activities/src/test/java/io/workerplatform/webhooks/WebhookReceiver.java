package io.workerplatform.webhooks;

import io.workerplatform.common.LocalHttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A webhook endpoint on loopback ({@link LocalHttpServer}) that records what it receives and answers a chosen status. */
public final class WebhookReceiver implements AutoCloseable {

  public record Received(String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicLong delayMillis = new AtomicLong();
  private volatile String responseBody = "ok";
  private final LocalHttpServer server =
      LocalHttpServer.start(
          request -> {
            received.add(new Received(request.path(), request.headers(), request.bodyText()));
            Thread.sleep(delayMillis.get());
            return LocalHttpServer.Response.text(status.get(), responseBody);
          });

  public String url(String path) {
    return server.url(path);
  }

  public WebhookReceiver answer(int statusCode) {
    status.set(statusCode);
    return this;
  }

  public WebhookReceiver answerBody(String body) {
    responseBody = body;
    return this;
  }

  public WebhookReceiver delay(long millis) {
    delayMillis.set(millis);
    return this;
  }

  @Override
  public void close() {
    server.close();
  }
}
