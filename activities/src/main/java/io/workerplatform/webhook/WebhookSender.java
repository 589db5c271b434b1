package io.workerplatform.webhook;

import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one signed webhook request. The whole exchange, body included, is bounded by the request
 * timeout, and only the first bytes of the response are kept: a slow or endless endpoint cannot
 * hold a worker slot.
 */
public class WebhookSender {
  private final HttpClient client;
  private final AddressGuard guard;
  private final WebhookSettings settings;
  private final Clock clock;

  public WebhookSender(WebhookSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.guard = new AddressGuard(settings.allowPrivateAddresses());
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // Plain HTTP/1.1: an h2c upgrade request confuses many webhook receivers.
            .version(HttpClient.Version.HTTP_1_1)
            // Its callbacks run on virtual threads rather than a pool of platform threads.
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
  }

  public SendResult send(String url, String messageId, String secret, byte[] body) {
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    URI uri = URI.create(url);
    try {
      Optional<String> refusal = guard.refusal(uri);
      if (refusal.isPresent()) {
        return new SendResult(startedAt, 0, null, refusal.get(), null, true);
      }
    } catch (UnknownHostException e) {
      return failure(startedAt, startNanos, "unknown host " + uri.getHost());
    }
    long timestamp = startedAt.getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("content-type", "application/json")
            .header("user-agent", "worker-platform-webhooks")
            .header("webhook-id", messageId)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", WebhookSignature.sign(secret, messageId, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    CompletableFuture<HttpResponse<String>> exchange =
        client.sendAsync(request, info -> excerpt(settings.responseExcerptBytes()));
    try {
      HttpResponse<String> response =
          exchange.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      int status = response.statusCode();
      String error = status >= 200 && status < 300 ? null : "HTTP " + status;
      return new SendResult(
          startedAt, elapsedMs(startNanos), status, error, response.body(), false);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return failure(startedAt, startNanos, "timed out after " + settings.requestTimeout());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      // The client's own request timeout and the wait above race; both mean the same thing.
      if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
        return failure(startedAt, startNanos, "timed out after " + settings.requestTimeout());
      }
      return failure(startedAt, startNanos, describe(cause));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return failure(startedAt, startNanos, "interrupted");
    }
  }

  private static SendResult failure(Instant startedAt, long startNanos, String error) {
    return new SendResult(startedAt, elapsedMs(startNanos), null, error, null, false);
  }

  private static long elapsedMs(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    String type = cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  /** Keeps the first {@code limit} bytes of the body, then stops reading. */
  static BodySubscriber<String> excerpt(int limit) {
    return new ExcerptSubscriber(limit);
  }

  private static final class ExcerptSubscriber implements BodySubscriber<String> {
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final byte[] buffer;
    private int length;
    private Flow.Subscription subscription;

    ExcerptSubscriber(int limit) {
      this.buffer = new byte[limit];
    }

    @Override
    public java.util.concurrent.CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        int n = Math.min(item.remaining(), buffer.length - length);
        item.get(buffer, length, n);
        length += n;
      }
      if (length == buffer.length) {
        subscription.cancel();
        complete();
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      complete();
    }

    private void complete() {
      result.complete(new String(buffer, 0, length, StandardCharsets.UTF_8));
    }
  }

}
