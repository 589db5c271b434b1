package io.workerplatform.host.flowlimits;

import static io.workerplatform.db.Tables.EMAIL_SEND_BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.LocalSes;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An organization's flow limits: the operator sets them, the organization reads them, sends obey them. */
@HostTest
class FlowLimitsEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;

  @Test
  void theOperatorSetsAnOrganizationsShareOfTheEmailRateWhichItReadsAndItsSendsAreCountedAgainst() {
    Api admin = Api.admin(port);
    String orgId = "org-flow-" + System.nanoTime();
    Api api = admin.newOrganization(orgId);
    String path = "/api/orgs/" + orgId + "/flow-limits";

    assertThat(api.get(path).body().toString()).isEqualTo("{\"emailRateShare\":null}");
    // the organization cannot lift its own share
    assertThat(api.put(path, "{\"emailRateShare\":1}").status()).isEqualTo(403);
    admin.put(path, "{\"emailRateShare\":0}").assertProblem(400, "emailRateShare");
    admin.put(path, "{\"emailRateShare\":1.5}").assertProblem(400, "emailRateShare");
    admin.put(path, "{\"emailRateShare\":\"half\"}").assertProblem(400, "emailRateShare");
    admin.put(path, "[]").assertProblem(400, "body");
    assertThat(api.get(path).body().get("emailRateShare").isNull()).isTrue();

    Api.Response set = admin.put(path, "{\"emailRateShare\":0.5}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.body().get("emailRateShare").asDouble()).isEqualTo(0.5);
    assertThat(api.get(path).body().get("emailRateShare").asDouble()).isEqualTo(0.5);

    // its email waits for its own budget of the rate, then the global one
    String email = api.post("/api/orgs/" + orgId + "/emails",
            "{\"to\":{\"address\":\"flow@example.com\"},\"template\":\"document-expiry\",\"data\":{}}")
        .body().get("id").asString();
    Eventually.await(() -> api.get("/api/orgs/" + orgId + "/emails/" + email).body().get("status").asString(),
        "SENT"::equals, Duration.ofSeconds(30));
    assertThat(dsl.fetchExists(EMAIL_SEND_BUDGET, EMAIL_SEND_BUDGET.NAME.eq("email/" + orgId))).isTrue();

    // another organization's key reads nothing of it
    String otherOrg = "org-flow-other-" + System.nanoTime();
    Api other = admin.newOrganization(otherOrg);
    assertThat(other.get(path).status()).isEqualTo(404);
    assertThat(other.get("/api/orgs/" + otherOrg + "/flow-limits").body().get("emailRateShare").isNull()).isTrue();
    assertThat(admin.get("/api/orgs/no-such-org/flow-limits").status()).isEqualTo(404);

    // null takes the limit away
    assertThat(admin.put(path, "{\"emailRateShare\":null}").body().get("emailRateShare").isNull()).isTrue();
  }
}
