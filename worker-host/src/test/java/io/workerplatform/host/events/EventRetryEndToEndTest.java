package io.workerplatform.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.events.EventHandler;
import io.workerplatform.events.EventHandlerException;
import io.workerplatform.events.HandledEvent;
import io.workerplatform.events.HandlerRetry;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * Dead letters through the REST API with an organization's key: an event whose handler gave up is
 * listed by {@code ?handlerStatus=FAILED} and its handler run again by {@code POST .../retry}.
 */
@HostTest
class EventRetryEndToEndTest {
  /** A handler that fails (fast) until it is mended. */
  static final class FlakyHandler implements EventHandler {
    final AtomicBoolean mended = new AtomicBoolean();
    final List<String> handled = new ArrayList<>();

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public Set<String> eventTypes() {
      return Set.of("petition.completed");
    }

    @Override
    public HandlerRetry retry() {
      return new HandlerRetry(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(200), 2);
    }

    @Override
    public void handle(HandledEvent event) throws Exception {
      if (!mended.get()) {
        throw new EventHandlerException("the receiving system is down");
      }
      synchronized (handled) {
        handled.add(event.eventId());
      }
    }
  }

  @TestConfiguration
  static class Flaky {
    @Bean
    FlakyHandler flakyHandler() {
      return new FlakyHandler();
    }
  }

  @LocalServerPort int port;
  @Autowired FlakyHandler flaky;
  private Api api;
  private String events;

  @BeforeEach
  void organization() {
    String orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
    events = "/api/orgs/" + orgId + "/events";
    flaky.mended.set(false);
  }

  private JsonNode handler(String eventId, String name) {
    for (JsonNode h : api.get(events + "/" + eventId).body().get("handlers")) {
      if (name.equals(h.get("name").asString())) {
        return h;
      }
    }
    return null;
  }

  private JsonNode awaitHandler(String eventId, String name, String status) {
    return Eventually.await(() -> handler(eventId, name), h -> h != null && status.equals(h.get("status").asString()),
        Duration.ofSeconds(30));
  }

  @Test
  void aHandlerThatGaveUpIsListedAndRunAgainWithoutTheOthers() {
    String eventId = "evt-dead-" + System.nanoTime();
    api.post(events, "{\"id\":\"" + eventId + "\",\"type\":\"petition.completed\",\"data\":{\"petitionId\":\"pet_1\"}}");
    api.post(events, "{\"id\":\"" + eventId + "-ok\",\"type\":\"petition.created\",\"data\":{\"petitionId\":\"pet_1\"}}");

    JsonNode failed = awaitHandler(eventId, "flaky", "FAILED");
    assertThat(failed.get("lastError").asString()).isEqualTo("the receiving system is down");
    Eventually.await(() -> api.get(events + "/" + eventId).body(), e -> "PROCESSED".equals(e.get("status").asString()),
        Duration.ofSeconds(30));
    JsonNode dead = api.get(events + "?handlerStatus=FAILED").body().get("items");
    assertThat(dead).singleElement().satisfies(e -> assertThat(e.get("id").asString()).isEqualTo(eventId));
    api.get(events + "?handlerStatus=BROKEN").assertProblem(400, "handlerStatus");
    api.post(events + "/" + eventId + "/retry", "{\"handler\":\"audit\"}").assertProblem(409, "handler");

    flaky.mended.set(true);
    Api.Response retry = api.post(events + "/" + eventId + "/retry", "{\"handler\":\"flaky\"}");

    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.body().get("handlers").toString()).isEqualTo("[\"flaky\"]");
    assertThat(retry.body().get("workflowId").asString()).startsWith("event-retry/");
    JsonNode done = awaitHandler(eventId, "flaky", "DONE");
    assertThat(done.get("attempts").asInt()).isGreaterThan(2); // its tries before count on
    assertThat(flaky.handled).containsExactly(eventId);
    assertThat(handler(eventId, "audit").get("status").asString()).isEqualTo("DONE"); // not run again
    assertThat(api.get(events + "?handlerStatus=FAILED").body().get("items")).isEmpty();
    api.post(events + "/" + eventId + "/retry", "").assertProblem(409, "id"); // nothing failed any more
  }

  @Test
  void anotherOrganizationsKeyCannotRetryAnEvent() {
    String eventId = "evt-theirs-" + System.nanoTime();
    api.post(events, "{\"id\":\"" + eventId + "\",\"type\":\"petition.completed\",\"data\":{\"petitionId\":\"pet_1\"}}");
    awaitHandler(eventId, "flaky", "FAILED");
    String otherOrg = "other-" + System.nanoTime();
    Api other = Api.admin(port).newOrganization(otherOrg);

    assertThat(other.post(events + "/" + eventId + "/retry", "").status()).isEqualTo(404);
    assertThat(other.post("/api/orgs/" + otherOrg + "/events/" + eventId + "/retry", "").status()).isEqualTo(404);
    assertThat(handler(eventId, "flaky").get("status").asString()).isEqualTo("FAILED");
  }
}
