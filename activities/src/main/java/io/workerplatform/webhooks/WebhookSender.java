package io.workerplatform.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import java.net.InetAddress;
import org.apache.hc.core5.io.CloseMode;

/**
 * Sends one signed webhook request. The whole exchange, body included, is bounded by the request
 * timeout, and only the first bytes of the response are kept: a slow or endless endpoint cannot
 * hold a worker slot.
 *
 * <p>Apache HttpClient 5 rather than the JDK's client, because it takes a DNS resolver: the SSRF
 * guard checks the addresses the client then connects to, with no second lookup in between (a
 * rebinding name cannot slip a private address past it). Blocking calls, made on the virtual
 * threads the attempts run on.
 */
public class WebhookSender implements AutoCloseable {
  /** Cancels exchanges that outlive the request timeout (connect, send and read together). */
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "webhook-deadlines");
            t.setDaemon(true);
            return t;
          });

  private final CloseableHttpClient client;
  private final WebhookSettings settings;
  private final Clock clock;
  private final AddressGuard guard;

  public WebhookSender(WebhookSettings settings, Clock clock) {
    this(settings, clock, InetAddress::getAllByName, 200);
  }

  /**
   * @param lookup how host names are resolved (the system's resolver; tests pass their own)
   * @param maxConnections connections kept open at most, in all and to one host
   */
  public WebhookSender(WebhookSettings settings, Clock clock, AddressGuard.Lookup lookup, int maxConnections) {
    this.settings = settings;
    this.clock = clock;
    this.guard = AddressGuard.of(settings);
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(guard.resolver(lookup))
                    .setMaxConnTotal(maxConnections)
                    .setMaxConnPerRoute(maxConnections)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                            .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(settings.requestTimeout()))
                    .setConnectionRequestTimeout(Timeout.of(settings.requestTimeout()))
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .setUserAgent("worker-platform-webhooks")
            .build();
  }

  public SendResult send(String url, String messageId, String secret, byte[] body) {
    return send(url, messageId, List.of(secret), body);
  }

  /**
   * Signed with each secret: during a rotation's overlap the header carries two {@code v1,}
   * signatures, space-separated as Standard Webhooks allows, and a receiver accepts either.
   */
  public SendResult send(String url, String messageId, List<String> secrets, byte[] body) {
    Instant startedAt = clock.instant();
    Optional<String> scheme = guard.schemeRefusal(URI.create(url));
    if (scheme.isPresent()) {
      // stored before https was required, or with allow-http since turned off: refused, never sent
      return new SendResult(startedAt, 0, null, "refused: the URL " + scheme.get(), null, true);
    }
    long startNanos = System.nanoTime();
    long timestamp = startedAt.getEpochSecond();
    HttpPost request = new HttpPost(URI.create(url));
    request.setHeader("webhook-id", messageId);
    request.setHeader("webhook-timestamp", Long.toString(timestamp));
    request.setHeader(
        "webhook-signature",
        secrets.stream().map(s -> WebhookSignature.sign(s, messageId, timestamp, body)).collect(Collectors.joining(" ")));
    request.setEntity(new ByteArrayEntity(body, ContentType.create("application/json")));
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        DEADLINES.schedule(
            () -> {
              timedOut.set(true);
              request.cancel();
            },
            settings.requestTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
      int status = response.getCode();
      String excerpt = excerpt(response, settings.responseExcerptBytes());
      String error = status >= 200 && status < 300 ? null : "HTTP " + status;
      return new SendResult(startedAt, elapsedMs(startNanos), status, error, excerpt, false);
    } catch (AddressGuard.RefusedAddressException e) {
      return new SendResult(startedAt, 0, null, e.getMessage(), null, true);
    } catch (IOException e) {
      if (timedOut.get() || (e instanceof SocketTimeoutException && !(e instanceof ConnectTimeoutException))) {
        return failure(startedAt, startNanos, "timed out after " + settings.requestTimeout());
      }
      return failure(startedAt, startNanos, describe(e, URI.create(url).getHost()));
    } finally {
      deadline.cancel(false);
    }
  }

  /** The first {@code limit} bytes of the body; the rest is never read (the connection is dropped). */
  private static String excerpt(ClassicHttpResponse response, int limit) throws IOException {
    if (response.getEntity() == null) {
      return "";
    }
    try (InputStream in = response.getEntity().getContent()) {
      return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
    }
  }

  private static SendResult failure(Instant startedAt, long startNanos, String error) {
    return new SendResult(startedAt, elapsedMs(startNanos), null, error, null, false);
  }

  private static long elapsedMs(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }

  /** What went wrong, without the addresses the client's own messages carry. */
  private String describe(IOException e, String host) {
    if (e instanceof ConnectTimeoutException) {
      return "ConnectException: connect timed out after " + settings.connectTimeout();
    }
    if (e instanceof ConnectException) {
      return "ConnectException: connection refused by " + host;
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + host;
    }
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }
}
