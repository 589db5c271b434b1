package io.workerplatform.host.bulksends;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.email.HoldingProxy;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.Hosts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * SES answering slowly: a proxy in front of the local SES server forwards each {@code SendEmail}
 * at once (SES has sent) and holds the answer. A batch heartbeats every 5 s at the latest; a call
 * slower than that must not make Temporal start a second attempt that sends again.
 */
class SlowSesTest {
  private TestDatabase db;
  private SesLocalServer ses;
  private HoldingProxy proxy;

  @BeforeEach
  void start() {
    db = TestDatabase.create("slow_ses");
    ses = SesLocalServer.start();
    proxy = HoldingProxy.start(ses.endpoint());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    ses.close();
    db.close();
  }

  private ConfigurableApplicationContext host(String... more) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "platform.temporal.embedded.port=" + FreePort.find(),
                "platform.email.ses.endpoint=" + proxy.endpoint(),
                "platform.email.ses.access-key-id=local",
                "platform.email.ses.secret-access-key=local",
                "platform.bulk-send.page-size=2",
                "platform.bulk-send.window=2"));
    properties.addAll(List.of(more));
    return Hosts.start(db.schema, properties.toArray(String[]::new));
  }

  /** Sends to {@code recipients} new contacts and waits for the bulk send to complete. */
  private JsonNode bulkSend(ConfigurableApplicationContext host, int recipients) {
    Api api = Api.admin(Hosts.httpPort(host)).newOrganization("acme");
    api.post(
        "/api/orgs/acme/contacts",
        IntStream.range(0, recipients)
            .mapToObj(i -> "{\"email\":\"slow" + i + "@example.com\"}")
            .collect(Collectors.joining(",", "{\"contacts\":[", "]}")));
    String petition = api.post("/api/orgs/acme/petitions", "{\"title\":\"Slow\"}").body().get("id").asString();
    String id =
        api.post(
                "/api/orgs/acme/bulk-sends",
                "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"allContacts\":true}")
            .body()
            .get("id")
            .asString();
    return Eventually.await(
        () -> api.get("/api/orgs/acme/bulk-sends/" + id).body(),
        b -> "COMPLETED".equals(b.path("status").asString()),
        Duration.ofMinutes(3));
  }

  private Map<String, Long> messagesPerAddress() {
    return ses.emails().stream().collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
  }

  @Test
  void answersHeldTenSecondsStillMeanExactlyOneMessagePerRecipient() {
    proxy.hold(n -> Duration.ofSeconds(10));
    try (ConfigurableApplicationContext host = host()) {
      JsonNode done = bulkSend(host, 4);

      assertThat(done.get("sent").asInt()).isEqualTo(4);
      assertThat(messagesPerAddress())
          .containsOnlyKeys("slow0@example.com", "slow1@example.com", "slow2@example.com", "slow3@example.com")
          .allSatisfy((address, count) -> assertThat(count).as(address).isEqualTo(1));
      assertThat(proxy.requests()).isEqualTo(4);
      assertThat(db.dsl.fetchValues(EMAIL_MESSAGES.SEND_ATTEMPTS)).containsExactly(1, 1, 1, 1);
      assertThat(db.dsl.fetchValues(EMAIL_MESSAGES.IN_DOUBT)).containsOnly(false);
      assertThat(done.get("inDoubt").asInt()).isZero();
    }
  }

  @Test
  void answersHeldPastTheCallTimeoutDuplicateOnlyMessagesMarkedInDoubt() {
    // The first call of each of the two batches in flight outlives its 2 s timeout; later ones are quick.
    proxy.hold(n -> n < 2 ? Duration.ofSeconds(4) : Duration.ZERO);
    try (ConfigurableApplicationContext host = host("platform.email.ses.call-timeout=2s")) {
      JsonNode done = bulkSend(host, 4);

      assertThat(done.get("sent").asInt()).isEqualTo(4);
      Map<String, Long> received = messagesPerAddress();
      assertThat(received).hasSize(4);
      Map<String, Boolean> inDoubt =
          db.dsl.select(EMAIL_MESSAGES.CONTACT_ID, EMAIL_MESSAGES.IN_DOUBT)
              .from(EMAIL_MESSAGES)
              .fetchMap(EMAIL_MESSAGES.CONTACT_ID, EMAIL_MESSAGES.IN_DOUBT);
      Map<String, String> addressOf =
          db.dsl.select(CONTACTS.ID, CONTACTS.EMAIL).from(CONTACTS).fetchMap(CONTACTS.ID, CONTACTS.EMAIL);
      inDoubt.forEach(
          (contactId, doubt) ->
              assertThat(received.get(addressOf.get(contactId))).as(contactId).isEqualTo(doubt ? 2L : 1L));
      assertThat(inDoubt.values().stream().filter(d -> d).count()).isEqualTo(2);
      assertThat(done.get("inDoubt").asInt()).isEqualTo(2);
      assertThat(db.dsl.fetchValues(EMAIL_MESSAGES.STATE)).containsOnly("SENT");
    }
  }
}
