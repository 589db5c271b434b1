package io.workerplatform.host.security;

import static io.workerplatform.db.Tables.WEBHOOK_SUBSCRIPTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.Hosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where embedded mode keeps the keys it generates: one place per user and database, whatever the
 * working directory; and a host without the key that sealed the database's secrets stops with one
 * actionable line, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedKeysTest {
  private static final TestDatabase db = TestDatabase.create("e2e_embedded_keys");

  @AfterAll
  static void dropSchema() throws Exception {
    db.close();
  }

  private static ConfigurableApplicationContext host(Path keys, String... more) {
    List<String> properties = new ArrayList<>(List.of(
        // generated in embedded mode, as for a user who configured none
        "platform.keys.callback=", "platform.keys.suppression=", "platform.keys.secrets=",
        "platform.keys.directory=" + keys,
        "platform.temporal.embedded.port=" + FreePort.find(),
        "platform.workers.task-queues="));
    properties.addAll(List.of(more));
    return Hosts.start(db.schema, properties.toArray(String[]::new));
  }

  @Test
  void theDefaultPlaceIsOnePerUserAndDatabaseNotPerWorkingDirectory() {
    Path one = PlatformKeys.directory("", "jdbc:postgresql://127.0.0.1:5432/postgres?ssl=false", "platform");
    Path other = PlatformKeys.directory(null, "jdbc:postgresql://127.0.0.1:5432/postgres", "platform");

    assertThat(one).isAbsolute().isEqualTo(other)
        .isEqualTo(Path.of(System.getProperty("user.home"), ".worker-platform", "keys", "127.0.0.1-5432-postgres-platform"));
    assertThat(PlatformKeys.directory("", "jdbc:postgresql://127.0.0.1:5432/postgres", "other")).isNotEqualTo(one);
    assertThat(PlatformKeys.directory("/srv/keys", "jdbc:postgresql://db/x", "platform")).isEqualTo(Path.of("/srv/keys"));
  }

  @Test
  void secretsSealedWithOneKeysPlaceStopAHostWithAnotherInOneLineAndStartItWithBoth(CapturedOutput output)
      throws Exception {
    Path first = Files.createTempDirectory("keys-first");
    Path second = Files.createTempDirectory("keys-second");
    String subscription;
    try (ConfigurableApplicationContext host = host(first)) {
      Api admin = Api.admin(Hosts.httpPort(host));
      Api org = admin.newOrganization("org-keys");
      subscription = org.post("/api/orgs/org-keys/webhook-subscriptions",
          "{\"url\":\"https://example.com/h\",\"eventTypes\":[\"petition.created\"]}").body().get("id").asString();
    }
    String sealed = db.dsl.fetchValue(WEBHOOK_SUBSCRIPTIONS.SECRET, WEBHOOK_SUBSCRIPTIONS.ID.eq(subscription));
    String keyId = sealed.split(":")[2];
    int before = output.getAll().length();

    assertThatThrownBy(() -> host(second).close()).hasRootCauseInstanceOf(io.workerplatform.common.SecretBox.UnknownKeyException.class);

    String printed = output.getAll().substring(before);
    assertThat(printed)
        .contains("Webhook signing secrets in schema \"" + db.schema + "\" are sealed with key " + keyId
            + ", which this host does not have (looked in PLATFORM_SECRETS_PREVIOUS_KEYS and the keys embedded mode generated in "
            + second.toAbsolutePath() + ").")
        .contains("set PLATFORM_SECRETS_KEY to it or list it in PLATFORM_SECRETS_PREVIOUS_KEYS")
        .contains("drop schema \"" + db.schema + "\" cascade");
    assertThat(printed).doesNotContain("\tat io.workerplatform").doesNotContain("\tat org.springframework");

    // both: the first place's key given as a previous one
    String firstKey = Files.readString(first.resolve("secrets.key")).strip();
    try (ConfigurableApplicationContext host = host(second, "platform.keys.secrets-previous=" + firstKey)) {
      assertThat(Hosts.httpPort(host)).isPositive();
    }
    assertThat(db.dsl.fetchValue(WEBHOOK_SUBSCRIPTIONS.SECRET, WEBHOOK_SUBSCRIPTIONS.ID.eq(subscription)))
        .startsWith("enc:v1:").doesNotContain(keyId); // sealed again under the second place's key
  }
}
