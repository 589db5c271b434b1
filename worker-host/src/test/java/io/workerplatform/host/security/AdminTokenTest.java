package io.workerplatform.host.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.Hosts;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Where the admin token comes from in each run mode. */
@ExtendWith(OutputCaptureExtension.class)
class AdminTokenTest {
  private static final TestDatabase db = TestDatabase.create("e2e_admin_token");
  private static final Pattern GENERATED = Pattern.compile("this run's admin token is (wpa_[A-Za-z0-9_-]{43})");

  @AfterAll
  static void dropSchema() throws Exception {
    db.close();
  }

  @Test
  void embeddedModeWithoutATokenGeneratesOneAndPrintsItOnce(CapturedOutput output) {
    try (ConfigurableApplicationContext host =
        Hosts.start(
            db.schema,
            "platform.api.admin-token=",
            "platform.temporal.embedded.port=" + FreePort.find(),
            "platform.workers.task-queues=")) {
      Matcher printed = GENERATED.matcher(output.getOut());
      assertThat(printed.find()).as(output.getOut()).isTrue();
      String token = printed.group(1);
      assertThat(printed.find()).isFalse();
      Api generated = Api.anonymous(Hosts.httpPort(host)).withToken(token);

      assertThat(generated.post("/api/orgs", "{\"id\":\"gen\",\"name\":\"Gen\"}").status()).isEqualTo(201);
      assertThat(Api.admin(Hosts.httpPort(host)).get("/api/cron").status()).isEqualTo(401);
    }
  }

  @Test
  void remoteModeRefusesToStartWithoutAToken() {
    assertThatThrownBy(
            () ->
                Hosts.start(
                        db.schema,
                        "platform.api.admin-token=",
                        "spring.temporal.connection.target=127.0.0.1:" + FreePort.find(),
                        "platform.workers.task-queues=")
                    .close())
        .hasStackTraceContaining("PLATFORM_ADMIN_TOKEN")
        .hasStackTraceContaining("remote mode");
  }

  @Test
  void aTokenOfTwentyHumanChosenCharactersIsRefusedAndOneOfThirtyTwoAccepted() {
    assertThatThrownBy(() -> AdminToken.resolve("correct-horse-battery-staple", "remote"))
        .hasMessageContaining("at least 32 characters").hasMessageContaining("openssl rand -base64 32");
    assertThatThrownBy(() -> AdminToken.resolve("x".repeat(31), "remote")).hasMessageContaining("at least 32");
    assertThat(AdminToken.resolve("x".repeat(32), "remote").matches(io.workerplatform.apikeys.ApiKeyStore.sha256("x".repeat(32))))
        .isTrue();
  }

  @Test
  void aShortTokenIsRefused() {
    assertThatThrownBy(
            () ->
                Hosts.start(
                        db.schema,
                        "platform.api.admin-token=secret",
                        "platform.temporal.embedded.port=" + FreePort.find(),
                        "platform.workers.task-queues=")
                    .close())
        .hasStackTraceContaining("at least 32 characters");
  }

  @Test
  void aConsoleSessionSignedInWithAnAdminTokenSinceChangedIsNoLongerValid() {
    io.workerplatform.host.api.ApiProperties properties =
        new io.workerplatform.host.api.ApiProperties(
            null, java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(1), null, null, null);
    ApiTokens before = new ApiTokens(AdminToken.resolve("a".repeat(44), "remote"), null, properties, System::nanoTime);
    ApiTokens same = new ApiTokens(AdminToken.resolve("a".repeat(44), "remote"), null, properties, System::nanoTime);
    ApiTokens changed = new ApiTokens(AdminToken.resolve("b".repeat(44), "remote"), null, properties, System::nanoTime);

    String session = before.sessionCredential(Caller.ADMIN);

    assertThat(session).doesNotContain("a".repeat(10));
    assertThat(same.stillValid(session)).isTrue();
    assertThat(changed.stillValid(session)).isFalse();
    assertThat(changed.stillValid(null)).isFalse();
  }
}
