package io.workerplatform.screening;

import io.workerplatform.screening.ScreeningException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ComplyAdvantage's searches API, as docs/kyc.md writes down the contract: {@code Authorization:
 * Token <key>}, answers wrapped as {@code {"content":{"data":...}}}, {@code POST /searches}, {@code
 * GET /searches/{id}/details} paged with {@code limit}/{@code offset}, {@code PATCH
 * /searches/{id}/monitors}; 401 a refused key, 429 with {@code Retry-After} (seconds), 5xx
 * transient.
 */
public final class ComplyAdvantageClient implements ScreeningProvider {
  private static final Logger log = LoggerFactory.getLogger(ComplyAdvantageClient.class);
  /** Hits per details page. */
  static final int PAGE = 100;
  /** A search with more hits than this is cut (a name such as "Li" matches thousands). */
  static final int MAX_HITS = 1_000;
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private final String baseUrl;
  private final Duration timeout;
  private final JsonMapper json;
  private final HttpClient http;

  public ComplyAdvantageClient(URI baseUrl, Duration timeout, JsonMapper json) {
    String url = baseUrl.toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.timeout = timeout;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public Search search(String apiKey, SearchRequest request) {
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("types", request.types());
    if (request.birthYear() != null) {
      filters.put("birth_year", request.birthYear());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("search_term", request.searchTerm());
    body.put("client_ref", request.clientRef());
    body.put("fuzziness", request.fuzziness());
    body.put("filters", filters);
    JsonNode created = data(send("search", apiKey, "POST", "/searches", json.writeValueAsString(body)));
    Search search = search(created, List.of());
    return search.totalHits() == 0 ? search : details(apiKey, search.id());
  }

  @Override
  public Search details(String apiKey, String searchId) {
    List<Hit> hits = new ArrayList<>();
    JsonNode first = null;
    for (int offset = 0; offset < MAX_HITS; offset += PAGE) {
      JsonNode page = data(send("details", apiKey, "GET",
          "/searches/" + searchId + "/details?limit=" + PAGE + "&offset=" + offset, null));
      if (first == null) {
        first = page;
      }
      JsonNode pageHits = page.path("hits");
      pageHits.forEach(h -> hits.add(hit(h)));
      if (pageHits.size() < PAGE || hits.size() >= page.path("total_hits").asInt(0)) {
        break;
      }
    }
    return search(first, hits);
  }

  @Override
  public void monitor(String apiKey, String searchId, boolean monitored) {
    send("monitor", apiKey, "PATCH", "/searches/" + searchId + "/monitors",
        json.writeValueAsString(Map.of("is_monitored", monitored)));
  }

  private static Search search(JsonNode data, List<Hit> hits) {
    return new Search(data.path("id").asString(), data.path("ref").asString(null),
        data.path("match_status").asString("unknown"), data.path("risk_level").asString(null),
        data.path("total_hits").asInt(hits.size()), List.copyOf(hits));
  }

  /** {@code {"doc":{"id","name"},"match_types":[...]}}. */
  private static Hit hit(JsonNode hit) {
    JsonNode doc = hit.path("doc");
    List<String> types = new ArrayList<>();
    hit.path("match_types").forEach(t -> types.add(t.asString()));
    return new Hit(doc.path("id").asString(), doc.path("name").asString(""), List.copyOf(types));
  }

  private JsonNode data(byte[] body) {
    JsonNode data = json.readTree(body).path("content").path("data");
    if (!data.isObject()) {
      throw new ScreeningException(Kind.TRANSIENT, "ComplyAdvantage answered without content.data", null, null);
    }
    return data;
  }

  private byte[] send(String operation, String apiKey, String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .header("Authorization", "Token " + apiKey)
        .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ScreeningException(Kind.TRANSIENT, "ComplyAdvantage " + operation + ": " + e.getClass().getSimpleName(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScreeningException(Kind.TRANSIENT, "ComplyAdvantage " + operation + ": interrupted", null, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    // The body may quote the searched name: neither a log line nor the failure message holds it.
    log.debug("ComplyAdvantage {} answered {} ({} bytes)", operation, status, response.body().length);
    String message = "ComplyAdvantage " + operation + ": HTTP " + status;
    if (status == 401 || status == 403) {
      throw new ScreeningException(Kind.UNAUTHORIZED, message, null, null);
    }
    if (status == 429) {
      throw new ScreeningException(Kind.RATE_LIMITED, message, retryAfter(response), null);
    }
    boolean transientFailure = status >= 500 || status == 408;
    throw new ScreeningException(transientFailure ? Kind.TRANSIENT : Kind.PERMANENT, message, null, null);
  }

  /** {@code Retry-After} in seconds (the provider's form), capped at five minutes; one second without it. */
  private static Duration retryAfter(HttpResponse<?> response) {
    try {
      return response.headers().firstValue("Retry-After")
          .map(v -> Duration.ofSeconds(Math.min(300, Math.max(0, Long.parseLong(v.strip())))))
          .orElse(DEFAULT_RETRY_AFTER);
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }
}
