package io.workerplatform.host.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the worker host's REST API over real HTTP, as a user's backend would: with the admin
 * token, an organization's API key, or no token at all.
 */
public final class Api {
  /** What src/test/resources/config/application.properties configures for every test host. */
  public static final String ADMIN_TOKEN = "test-admin-token-not-for-production";

  public record Response(int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers) {
    /** The first value of a response header, or null. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /**
     * Asserts an RFC 9457 problem with this status naming {@code field} (null: whatever it names),
     * as every refusal of the API is.
     */
    public void assertProblem(int expectedStatus, String field) {
      org.assertj.core.api.Assertions.assertThat(status).as(toString()).isEqualTo(expectedStatus);
      org.assertj.core.api.Assertions.assertThat(contentType).startsWith("application/problem+json");
      org.assertj.core.api.Assertions.assertThat(body.get("status").asInt()).isEqualTo(expectedStatus);
      org.assertj.core.api.Assertions.assertThat(body.get("detail").asString()).isNotBlank();
      if (field != null) {
        org.assertj.core.api.Assertions.assertThat(body.get("field").asString()).isEqualTo(field);
      }
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  private Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public static Api admin(int port) {
    return new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
  }

  public static Api anonymous(int port) {
    return new Api("http://127.0.0.1:" + port, null);
  }

  /** The bearer token this Api sends (null: none). */
  public String token() {
    return token;
  }

  /** The same host with another bearer token. */
  public Api withToken(String otherToken) {
    return new Api(base, otherToken);
  }

  /** The same token for a host on another port (a restarted one, say). */
  public Api onPort(int port) {
    return new Api("http://127.0.0.1:" + port, token);
  }

  /**
   * Creates organization {@code orgId} (named Acme) with the admin token, and an API key for it; answers an
   * Api that calls with that key.
   */
  public Api newOrganization(String orgId) {
    Response created = post("/api/orgs", "{\"id\":\"" + orgId + "\",\"name\":\"Acme\"}");
    if (created.status() != 201) {
      throw new IllegalStateException("organization " + orgId + " not created: " + created);
    }
    return withToken(newKey(orgId));
  }

  /** A new API key of {@code orgId}, created with this Api's (admin) token. */
  public String newKey(String orgId) {
    Response key = post("/api/orgs/" + orgId + "/api-keys", "{\"name\":\"tests\"}");
    if (key.status() != 201) {
      throw new IllegalStateException("API key of " + orgId + " not created: " + key);
    }
    return key.body().get("key").asString();
  }

  public Response post(String path, String json) {
    return send(json(path).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A POST with an {@code Idempotency-Key}. */
  public Response post(String path, String json, String idempotencyKey) {
    return send(json(path).header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response patch(String path, String json) {
    return send(json(path).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(String path, String json) {
    return send(json(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  /** A GET whose body is not JSON (the Prometheus scrape, a page): status and text. */
  public Text getText(String path) {
    try {
      HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Text(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Text(int status, String body) {}

  /** Any request: the token is added to it. */
  public Response send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    HttpRequest.Builder request = request(path).method(method, body);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  /** The Authorization header's value, for requests written by hand. */
  public String authorization() {
    return "Bearer " + token;
  }

  public String url(String path) {
    return base + path;
  }

  private HttpRequest.Builder json(String path) {
    return request(path).header("content-type", "application/json");
  }

  /** A request builder for this host that carries the token (uploads, downloads). */
  public HttpRequest.Builder request(String path) {
    // A host that stops answering fails the test instead of hanging it.
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return request;
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      String contentType = response.headers().firstValue("content-type").orElse("");
      return new Response(
          response.statusCode(),
          contentType,
          body.isEmpty() || !contentType.contains("json") ? JSON.nullNode() : JSON.readTree(body),
          response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
