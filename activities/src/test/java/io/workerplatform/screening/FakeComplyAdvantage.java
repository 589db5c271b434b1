package io.workerplatform.screening;

import io.workerplatform.common.LocalHttpServer;
import io.workerplatform.common.LocalHttpServer.Request;
import io.workerplatform.common.LocalHttpServer.Response;
import io.workerplatform.common.TestDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local ComplyAdvantage that answers only what docs/kyc.md's contract says: {@code POST
 * /searches}, {@code GET /searches/{id}/details} (paged), {@code PATCH /searches/{id}/monitors},
 * {@code Authorization: Token <key>} (401 otherwise), answers wrapped in {@code content.data}. A
 * search term's hits are what a test gave with {@link #hits}; {@link #failNext} and {@link
 * #rateLimitNext} inject failures.
 */
public final class FakeComplyAdvantage implements AutoCloseable {
  private static final JsonMapper json = TestDatabase.JSON;
  private static final Set<String> TYPES = Set.of("sanction", "warning", "fitness-probity", "pep", "adverse-media");
  private static final Pattern DETAILS = Pattern.compile("/searches/([^/]+)/details");
  private static final Pattern MONITORS = Pattern.compile("/searches/([^/]+)/monitors");

  /** A hit as the fake holds it. */
  public record FakeHit(String id, String name, List<String> matchTypes) {}

  /** A search it answered: the term and ref it was asked for, its hits now, whether it is monitored. */
  public record FakeSearch(String id, String term, String clientRef, List<String> types, Integer birthYear,
      List<FakeHit> hits, boolean monitored) {}

  public final List<Request> received = new CopyOnWriteArrayList<>();
  public final Map<String, FakeSearch> searches = new ConcurrentHashMap<>();
  private final Map<String, List<FakeHit>> hitsByTerm = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<Integer> failures = new ConcurrentLinkedDeque<>();
  private final AtomicInteger ids = new AtomicInteger(1000);
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private volatile int retryAfterSeconds = 1;
  private final LocalHttpServer server;

  public FakeComplyAdvantage(String... keys) {
    this.keys.addAll(List.of(keys));
    this.server = LocalHttpServer.start(this::handle);
  }

  public String baseUrl() {
    return server.url("");
  }

  /** The hits a search for {@code term} finds (none unless given). */
  public FakeComplyAdvantage hits(String term, FakeHit... hits) {
    hitsByTerm.put(term, List.of(hits));
    return this;
  }

  /** The key stops being accepted (the customer revoked it). */
  public void revoke(String key) {
    keys.remove(key);
  }

  /** The next {@code count} requests answer {@code status} (a 5xx, say). */
  public void failNext(int status, int count) {
    for (int i = 0; i < count; i++) {
      failures.add(status);
    }
  }

  /** The next {@code count} requests answer 429 with {@code Retry-After: seconds}. */
  public void rateLimitNext(int count, int seconds) {
    retryAfterSeconds = seconds;
    failNext(429, count);
  }

  public List<Request> received(String method, String pathPattern) {
    return received.stream().filter(r -> r.method().equals(method) && r.path().matches(pathPattern)).toList();
  }

  /** The latest search for the client reference. */
  public FakeSearch searchFor(String clientRef) {
    return searches.values().stream().filter(s -> clientRef.equals(s.clientRef()))
        .max(Comparator.comparingInt(s -> Integer.parseInt(s.id()))).orElseThrow();
  }

  private Response handle(Request request) {
    received.add(request);
    Integer failure = failures.poll();
    if (failure != null) {
      Response answer = error(failure, "injected failure");
      if (failure == 429) {
        return new Response(429, Map.of("Content-Type", "application/json", "Retry-After", String.valueOf(retryAfterSeconds)),
            answer.body());
      }
      return answer;
    }
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.startsWith("Token ") || !keys.contains(authorization.substring(6))) {
      return error(401, "Invalid API key");
    }
    Matcher details = DETAILS.matcher(request.path());
    Matcher monitors = MONITORS.matcher(request.path());
    if (request.method().equals("POST") && request.path().equals("/searches")) {
      return create(json.readTree(request.body()));
    } else if (request.method().equals("GET") && details.matches()) {
      return details(details.group(1), request.query());
    } else if (request.method().equals("PATCH") && monitors.matches()) {
      FakeSearch search = searches.get(monitors.group(1));
      JsonNode body = json.readTree(request.body());
      if (search == null) {
        return error(404, "Search not found");
      }
      if (!body.path("is_monitored").isBoolean()) {
        return error(400, "is_monitored is required");
      }
      searches.put(search.id(), new FakeSearch(search.id(), search.term(), search.clientRef(), search.types(),
          search.birthYear(), search.hits(), body.get("is_monitored").asBoolean()));
      return ok(Map.of("search_id", search.id(), "is_monitored", body.get("is_monitored").asBoolean()));
    }
    return error(404, "Not found");
  }

  private Response create(JsonNode body) {
    String term = body.path("search_term").asString("");
    double fuzziness = body.path("fuzziness").asDouble(0.5);
    List<String> types = new ArrayList<>();
    body.path("filters").path("types").forEach(t -> types.add(t.asString()));
    if (term.isBlank() || fuzziness < 0 || fuzziness > 1 || !TYPES.containsAll(types)) {
      return error(400, "Invalid search");
    }
    Integer birthYear = body.path("filters").has("birth_year") ? body.path("filters").get("birth_year").asInt() : null;
    List<FakeHit> hits = hitsByTerm.getOrDefault(term, List.of()).stream()
        .filter(h -> types.isEmpty() || h.matchTypes().stream().anyMatch(types::contains))
        .toList();
    String id = String.valueOf(ids.incrementAndGet());
    searches.put(id, new FakeSearch(id, term, body.path("client_ref").asString(null), types, birthYear, hits, false));
    return ok(search(searches.get(id), null));
  }

  private Response details(String id, String query) {
    FakeSearch search = searches.get(id);
    if (search == null) {
      return error(404, "Search not found");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    int limit = Integer.parseInt(params.getOrDefault("limit", "100"));
    int offset = Integer.parseInt(params.getOrDefault("offset", "0"));
    List<FakeHit> page = search.hits().subList(Math.min(offset, search.hits().size()),
        Math.min(offset + limit, search.hits().size()));
    return ok(search(search, page));
  }

  /** Monitoring's view of a change: the search's hits become {@code hits}. */
  public void update(String searchId, FakeHit... hits) {
    FakeSearch s = searches.get(searchId);
    searches.put(searchId, new FakeSearch(s.id(), s.term(), s.clientRef(), s.types(), s.birthYear(), List.of(hits), s.monitored()));
  }

  private static Map<String, Object> search(FakeSearch search, List<FakeHit> page) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", search.id());
    data.put("ref", "ref-" + search.id());
    data.put("match_status", search.hits().isEmpty() ? "no_match" : "potential_match");
    data.put("risk_level", search.hits().isEmpty() ? "low" : "medium");
    data.put("total_hits", search.hits().size());
    data.put("client_ref", search.clientRef());
    if (page != null) {
      data.put("hits", page.stream().map(h -> Map.of(
          "doc", Map.of("id", h.id(), "name", h.name(), "types", h.matchTypes()),
          "match_types", h.matchTypes())).toList());
    }
    return data;
  }

  private static Response ok(Object data) {
    return Response.of(200, "application/json",
        json.writeValueAsBytes(Map.of("code", 200, "status", "success", "content", Map.of("data", data))));
  }

  private static Response error(int status, String message) {
    return Response.of(status, "application/json",
        json.writeValueAsBytes(Map.of("code", status, "status", "failure", "message", message)));
  }

  @Override
  public void close() {
    server.close();
  }
}
