package io.workerplatform.signatures;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends provider requests and turns every failure into a classified {@link ProviderException}. */
final class ProviderHttp {
  private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);

  private final String provider;
  private final HttpClient client;
  private final Duration timeout;

  ProviderHttp(String provider, Duration timeout) {
    this.provider = provider;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  static String withoutTrailingSlash(URI baseUrl) {
    String url = baseUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  HttpRequest.Builder request(URI uri, String authorization) {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", authorization);
  }

  /** Sends the request; a non-2xx answer becomes a permanent or transient failure. */
  byte[] send(String operation, HttpRequest request) {
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ProviderException(
          provider + " " + operation + ": " + e.getClass().getSimpleName(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(provider + " " + operation + ": interrupted", false, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    // The body may quote signers: neither a log line nor the failure message holds it.
    log.debug("{} {} answered {} ({} bytes)", provider, operation, status, response.body().length);
    boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
    throw new ProviderException(provider + " " + operation + ": HTTP " + status, permanent, null);
  }
}
