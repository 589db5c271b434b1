package io.workerplatform.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.screening.FakeComplyAdvantage.FakeHit;
import io.workerplatform.screening.ScreeningException.Kind;
import io.workerplatform.screening.ScreeningProvider.Search;
import io.workerplatform.screening.ScreeningProvider.SearchRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The ComplyAdvantage client against the local fake of its contract (docs/kyc.md). */
class ComplyAdvantageClientTest {
  static final FakeComplyAdvantage provider = new FakeComplyAdvantage("key-1");
  final ComplyAdvantageClient client =
      new ComplyAdvantageClient(URI.create(provider.baseUrl()), Duration.ofSeconds(5), TestDatabase.JSON);

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static SearchRequest request(String term) {
    return new SearchRequest(term, "prf_1", 0.6, List.of("sanction", "pep"), 1980);
  }

  @Test
  void aSearchSendsTheContractsBodyWithTheTokenAndReadsEveryPageOfHits() {
    FakeHit[] many = IntStream.range(0, 150)
        .mapToObj(i -> new FakeHit("H" + i, "Ivan Petrov " + i, List.of(i % 2 == 0 ? "sanction" : "pep")))
        .toArray(FakeHit[]::new);
    provider.hits("Ivan Petrov", many);

    Search search = client.search("key-1", request("Ivan Petrov"));

    assertThat(search.totalHits()).isEqualTo(150);
    assertThat(search.matchStatus()).isEqualTo("potential_match");
    assertThat(search.hits()).hasSize(150);
    assertThat(search.hits().get(1)).isEqualTo(new ScreeningProvider.Hit("H1", "Ivan Petrov 1", List.of("pep")));
    var created = provider.received("POST", "/searches").getLast();
    assertThat(created.header("Authorization")).isEqualTo("Token key-1");
    JsonNode body = TestDatabase.JSON.readTree(created.body());
    assertThat(body.toString()).isEqualTo(
        "{\"search_term\":\"Ivan Petrov\",\"client_ref\":\"prf_1\",\"fuzziness\":0.6,"
            + "\"filters\":{\"types\":[\"sanction\",\"pep\"],\"birth_year\":1980}}");
    assertThat(provider.received("GET", "/searches/" + search.id() + "/details"))
        .extracting(r -> r.query()).containsExactly("limit=100&offset=0", "limit=100&offset=100");
  }

  @Test
  void aSearchWithoutHitsReadsNoDetails() {
    Search search = client.search("key-1", request("Nobody Known"));

    assertThat(search.totalHits()).isZero();
    assertThat(search.matchStatus()).isEqualTo("no_match");
    assertThat(provider.received("GET", "/searches/" + search.id() + "/details")).isEmpty();
  }

  @Test
  void monitoringIsSwitchedOnAndOff() {
    Search search = client.search("key-1", request("Monitored One"));

    client.monitor("key-1", search.id(), true);
    assertThat(provider.searches.get(search.id()).monitored()).isTrue();
    client.monitor("key-1", search.id(), false);
    assertThat(provider.searches.get(search.id()).monitored()).isFalse();
  }

  @Test
  void eachFailureIsClassifiedWithoutTheBody() {
    assertThatThrownBy(() -> client.search("wrong-key", request("A")))
        .isInstanceOfSatisfying(ScreeningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
        .hasMessage("ComplyAdvantage search: HTTP 401");
    provider.rateLimitNext(1, 7);
    assertThatThrownBy(() -> client.search("key-1", request("A")))
        .isInstanceOfSatisfying(ScreeningException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
    provider.failNext(503, 1);
    assertThatThrownBy(() -> client.search("key-1", request("A")))
        .isInstanceOfSatisfying(ScreeningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
    assertThatThrownBy(() -> client.search("key-1", new SearchRequest("A", "prf_1", 0.6, List.of("gossip"), null)))
        .isInstanceOfSatisfying(ScreeningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT))
        .hasMessage("ComplyAdvantage search: HTTP 400");
    ComplyAdvantageClient nowhere = new ComplyAdvantageClient(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(2), TestDatabase.JSON);
    assertThatThrownBy(() -> nowhere.search("key-1", request("A")))
        .isInstanceOfSatisfying(ScreeningException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
  }
}
