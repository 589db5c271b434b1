package io.workerplatform.host.security;

import static io.workerplatform.db.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.workerplatform.apikeys.ApiKeyStore;
import io.workerplatform.host.api.ApiProperties;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.ConsoleSession;
import io.workerplatform.host.support.HostTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Failed authentications per client address, the negative cache of unknown tokens, and each key's
 * request rate, with limits low enough to reach (the other tests raise them). Each test presents
 * its own client address through X-Forwarded-For, as a proxy in front of the host would.
 */
@HostTest(
    properties = {
      "server.forward-headers-strategy=native",
      "platform.api.throttling.failed-authentications-per-minute=5",
      "platform.api.throttling.key-requests-per-second=1",
      "platform.api.throttling.key-burst=5"
    })
class ThrottlingTest {
  @LocalServerPort int port;
  @Autowired MeterRegistry registry;
  @Autowired ApiKeyStore keys;
  @Autowired DSLContext dsl;

  private Api.Response call(String address, String token, String path) {
    Api api = token == null ? Api.anonymous(port) : Api.anonymous(port).withToken(token);
    return api.send("GET", path, HttpRequest.BodyPublishers.noBody(), "x-forwarded-for", address);
  }

  @Test
  void anAddressPresentingTooManyWrongTokensGets429WithRetryAfterAndOthersDoNot() {
    double throttledBefore = registry.counter("platform.api.authentication.failures", "throttled", "true").count();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      statuses.add(call("203.0.113.7", "wpk_guess_" + i, "/api/orgs/acme/exports/x").status());
    }

    assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429, 429);
    Api.Response throttled = call("203.0.113.7", Api.ADMIN_TOKEN, "/api/orgs");
    assertThat(throttled.status()).isEqualTo(429); // even a good token waits: the address is guessing
    assertThat(Long.parseLong(throttled.header("retry-after"))).isBetween(1L, 60L);
    assertThat(throttled.contentType()).startsWith("application/problem+json");
    assertThat(throttled.body().get("detail").asString()).contains("too many failed authentications");
    assertThat(registry.counter("platform.api.authentication.failures", "throttled", "true").count() - throttledBefore)
        .isEqualTo(3);
    // another address, and requests without any token, are not affected
    assertThat(call("203.0.113.8", Api.ADMIN_TOKEN, "/api/orgs").status()).isEqualTo(200);
    assertThat(call("203.0.113.7", null, "/api/orgs/acme/exports/x").status()).isEqualTo(401);
  }

  @Test
  void consoleSignInsCountAsFailedAuthentications() throws Exception {
    ConsoleSession browser = new ConsoleSession(port, "x-forwarded-for", "203.0.113.9");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      browser.get("/console/login");
      statuses.add(browser.post("/console/login", "token=wrong-" + i + "&_csrf=" + browser.csrf()).statusCode());
    }
    browser.get("/console/login");
    HttpResponse<String> right = browser.post("/console/login", "token=" + Api.ADMIN_TOKEN + "&_csrf=" + browser.csrf());

    assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.headers().firstValue("retry-after")).isPresent();
    assertThat(right.body()).contains("Too many failed sign-ins");
  }

  @Test
  void anUnknownTokenIsAnsweredFromTheNegativeCacheUntilItsTtlEnds() {
    Api admin = Api.admin(port);
    admin.newOrganization("org-negative");
    AtomicLong now = new AtomicLong();
    ApiTokens tokens = new ApiTokens(
        AdminToken.resolve(Api.ADMIN_TOKEN, "remote"), keys,
        new ApiProperties(null, Duration.ofSeconds(10), Duration.ofMinutes(1), null, null,
            new ApiProperties.Throttling(5, Duration.ofSeconds(5), 1, 5)),
        now::get);
    String token = "wpk_not_yet_a_key_" + System.nanoTime();
    assertThat(tokens.authenticate(token)).isEmpty();
    // the key appears in the database (by any means): within the TTL nobody asks the database
    dsl.insertInto(API_KEYS).set(API_KEYS.ID, "key_negative").set(API_KEYS.ORG_ID, "org-negative")
        .set(API_KEYS.NAME, "n").set(API_KEYS.KEY_SHA256, ApiKeyStore.sha256(token))
        .set(API_KEYS.CREATED_AT, OffsetDateTime.now()).execute();

    now.set(Duration.ofSeconds(4).toNanos());
    assertThat(tokens.authenticate(token)).isEmpty();
    now.set(Duration.ofSeconds(6).toNanos());
    assertThat(tokens.authenticate(token)).map(Caller::keyId).hasValue("key_negative");
  }

  @Test
  void aKeyOverItsRateGets429UntilTheAdminGivesItsOrganizationAnother() {
    Api admin = Api.admin(port);
    Api org = admin.newOrganization("org-rated");
    String path = "/api/orgs/org-rated/usage";

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      statuses.add(call("203.0.113.20", org.token(), path).status());
    }
    assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429);
    Api.Response limited = call("203.0.113.20", org.token(), path);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(Long.parseLong(limited.header("retry-after"))).isBetween(1L, 5L);
    assertThat(limited.body().get("detail").asString()).contains("request rate");
    assertThat(admin.get(path).status()).isEqualTo(200); // the admin token has no rate

    // the organization reads its rate and cannot change it
    admin.put("/api/orgs/org-rated/rate-limit", "{\"requestsPerSecond\":1000}").assertProblem(400, "burst");
    admin.put("/api/orgs/org-rated/rate-limit", "{\"requestsPerSecond\":0,\"burst\":10}").assertProblem(400, "requestsPerSecond");
    admin.put("/api/orgs/org-rated/rate-limit", "{\"requestsPerSecond\":100,\"burst\":10}").assertProblem(400, "burst");
    Api.Response set = admin.put("/api/orgs/org-rated/rate-limit", "{\"requestsPerSecond\":1000,\"burst\":2000}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.body().get("requestsPerSecond").asInt()).isEqualTo(1000);
    assertThat(set.body().get("platformDefault").asBoolean()).isFalse();

    assertThat(call("203.0.113.20", org.token(), path).status()).isEqualTo(200);
    Api.Response read = call("203.0.113.20", org.token(), "/api/orgs/org-rated/rate-limit");
    assertThat(read.body().get("burst").asInt()).isEqualTo(2000);
    assertThat(org.put("/api/orgs/org-rated/rate-limit", "{\"requestsPerSecond\":100000,\"burst\":100000}").status())
        .isEqualTo(403);
    // back to the default
    Api.Response reset = admin.put("/api/orgs/org-rated/rate-limit", "{}");
    assertThat(reset.body().get("platformDefault").asBoolean()).isTrue();
    assertThat(reset.body().get("requestsPerSecond").asInt()).isEqualTo(1);
  }
}
