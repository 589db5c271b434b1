package io.workerplatform.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.ConsoleSession;
import io.workerplatform.host.support.HostTest;
import java.net.http.HttpResponse;
import io.workerplatform.cron.CronRegistrations;
import io.workerplatform.queues.QueuePauseStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's session, CSRF and organization scope, as a browser meets them over HTTP. */
@HostTest(
    // behind a TLS-terminating proxy: X-Forwarded-Proto https makes the request secure
    properties = "server.forward-headers-strategy=native")
class ConsoleSecurityTest {
  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired CronRegistrations cronRegistrations;
  @Autowired QueuePauseStore queuePauses;
  @Autowired io.workerplatform.apikeys.ApiKeyStore keys;

  @Test
  void aKeyRevokedByAnotherHostEndsItsConsoleSessionAtItsNextRequest() throws Exception {
    Api admin = Api.admin(port);
    admin.newOrganization("org-console-revoked");
    String key = admin.newKey("org-console-revoked");
    String keyId = admin.get("/api/orgs/org-console-revoked/api-keys").body().get("items").get(0).get("id").asString();
    ConsoleSession browser = new ConsoleSession(port);
    browser.signIn(key);
    assertThat(browser.get("/console/orgs/org-console-revoked").statusCode()).isEqualTo(200);
    String csrf = browser.csrf();

    // another host revokes it: the row and its announcement, not this host's API
    assertThat(keys.revoke("org-console-revoked", keyId)).isTrue();

    HttpResponse<String> redeliver =
        browser.post("/console/orgs/org-console-revoked/webhook-deliveries/dlv_x/redeliver", "_csrf=" + csrf);
    assertThat(redeliver.statusCode()).isEqualTo(302);
    assertThat(redeliver.headers().firstValue("location").orElseThrow()).endsWith("/console/login?ended");
    // the session is gone: signed out from now on
    assertThat(browser.get("/console/orgs/org-console-revoked").headers().firstValue("location").orElseThrow())
        .endsWith("/console/login");
    assertThat(browser.get("/console/login?ended").body()).contains("the token it signed in with was revoked or changed");
  }

  @Test
  void theCsrfTokenReadBeforeSignInIsWorthNothingAfterIt() throws Exception {
    ConsoleSession browser = new ConsoleSession(port);
    browser.get("/console/login");
    String beforeSignIn = browser.csrf();
    assertThat(browser.post("/console/login", "token=" + Api.ADMIN_TOKEN + "&_csrf=" + beforeSignIn).statusCode()).isEqualTo(302);

    assertThat(browser.post("/console/logout", "_csrf=" + beforeSignIn).statusCode()).isEqualTo(403);
    assertThat(browser.get("/console").statusCode()).isEqualTo(200); // still signed in
    assertThat(browser.submit("/console/logout").statusCode()).isEqualTo(302); // with the new token
  }

  @Test
  void consolePagesAllowOnlyTheConsolesOwnStylesheet() throws Exception {
    ConsoleSession browser = new ConsoleSession(port);
    HttpResponse<String> login = browser.get("/console/login");
    browser.signIn(Api.ADMIN_TOKEN);
    HttpResponse<String> home = browser.get("/console");
    HttpResponse<String> css = new ConsoleSession(port).get("/console/console.css");

    for (HttpResponse<String> page : List.of(login, home)) {
      assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
          .contains("default-src 'none'").contains("style-src 'self'").contains("form-action 'self'")
          .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
      assertThat(page.body()).doesNotContain("<style").doesNotContain("style=").doesNotContain("<script")
          .contains("href=\"/console/console.css\"");
    }
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("content-type").orElseThrow()).startsWith("text/css");
    assertThat(css.body()).contains("progress.bar");
  }

  @Test
  void theSessionCookieIsHttpOnlyStrictAndSecureOverTlsAndSignInChangesIt() throws Exception {
    ConsoleSession browser = new ConsoleSession(port, "x-forwarded-proto", "https");
    HttpResponse<String> form = browser.get("/console/login");
    assertThat(form.statusCode()).isEqualTo(200);
    String setCookie = form.headers().firstValue("set-cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Secure");
    String before = browser.cookie();
    assertThat(browser.csrf()).isNotBlank();

    HttpResponse<String> signedIn =
        browser.post("/console/login", "token=" + Api.ADMIN_TOKEN + "&_csrf=" + browser.csrf());

    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("location").orElseThrow()).endsWith("/console");
    assertThat(browser.cookie()).isNotEqualTo(before); // a session id planted before sign-in is worthless
    assertThat(browser.get("/console").statusCode()).isEqualTo(200);

    ConsoleSession plain = new ConsoleSession(port);
    assertThat(plain.get("/console/login").headers().firstValue("set-cookie").orElseThrow()).doesNotContain("Secure");
  }

  @Test
  void everyFormNeedsItsCsrfTokenAndABadTokenSignsNobodyIn() throws Exception {
    ConsoleSession browser = new ConsoleSession(port);
    browser.get("/console/login");
    assertThat(browser.post("/console/login", "token=" + Api.ADMIN_TOKEN).statusCode()).isEqualTo(403);

    HttpResponse<String> wrong = browser.post("/console/login", "token=not-a-token-at-all-xyz&_csrf=" + browser.csrf());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("Unknown or revoked token.").doesNotContain("not-a-token-at-all-xyz");
    assertThat(browser.get("/console").statusCode()).isEqualTo(302); // still signed out

    assertThat(browser.signIn(Api.ADMIN_TOKEN).statusCode()).isEqualTo(302);
    assertThat(browser.post("/console/cron/anonymizer/pause", "").statusCode()).isEqualTo(403);
    browser.get("/console/cron");
    assertThat(browser.post("/console/cron/no-such-job/pause", "_csrf=" + browser.csrf()).statusCode()).isEqualTo(302);
  }

  /** Every console route: another organization's answers 404 to a key, admin ones 403, none acts. */
  @Test
  void everyConsoleRouteRefusesWhoMayNotReachItAndChangesNothing() throws Exception {
    Api admin = Api.admin(port);
    admin.newOrganization("org-console-walk");
    admin.newOrganization("org-console-walked");
    ConsoleSession browser = new ConsoleSession(port);
    browser.signIn(admin.newKey("org-console-walk"));
    browser.get("/console/orgs/org-console-walk");
    ConsoleSession anonymous = new ConsoleSession(port);
    anonymous.get("/console/login");
    List<String> wrong = new ArrayList<>();
    int walked = 0;

    for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        for (String pattern : info.getPatternValues()) {
          if (!pattern.startsWith("/console") || pattern.equals("/console/login") || pattern.equals("/console")) {
            continue;
          }
          String path =
              pattern.replace("{orgId}", "org-console-walked").replace("{list}", "webhook-deliveries")
                  .replace("{action}", "pause")
                  .replace("{name}", pattern.startsWith("/console/queues") ? "email" : "anonymizer").replace("{id}", "x");
          int expected = pattern.startsWith("/console/orgs/{orgId}") ? 404 : 403;
          for (RequestMethod method : info.getMethodsCondition().getMethods()) {
            walked++;
            boolean post = method == RequestMethod.POST;
            int status = post ? browser.post(path, "_csrf=" + browser.csrf()).statusCode() : browser.get(path).statusCode();
            if (status != expected) {
              wrong.add(method + " " + path + ": " + status + ", expected " + expected);
            }
            // signed out: a page sends to the sign-in, a form without its token is refused
            int signedOut = post ? anonymous.post(path, "").statusCode() : anonymous.get(path).statusCode();
            if (signedOut != (post ? 403 : 302)) {
              wrong.add("signed out " + method + " " + path + ": " + signedOut);
            }
          }
        }
      }
    }

    assertThat(walked).isGreaterThanOrEqualTo(8);
    assertThat(wrong).isEmpty();
    assertThat(cronRegistrations.paused()).isEmpty();
    assertThat(queuePauses.paused()).isEmpty();
  }

  @Test
  void anOrganizationKeySeesItsOwnPagesOnlyAndNoAdminPage() throws Exception {
    Api admin = Api.admin(port);
    admin.newOrganization("org-console-own");
    admin.newOrganization("org-console-other");
    String key = admin.newKey("org-console-own");
    ConsoleSession browser = new ConsoleSession(port);

    HttpResponse<String> signedIn = browser.signIn(key);

    assertThat(signedIn.headers().firstValue("location").orElseThrow()).endsWith("/console/orgs/org-console-own");
    assertThat(browser.get("/console").headers().firstValue("location").orElseThrow()).endsWith("/console/orgs/org-console-own");
    for (String page : List.of("", "/webhook-deliveries", "/bulk-sends", "/signature-requests", "/exports", "/erasures",
        "/email-messages", "/compliance-runs", "/sap-sync-runs", "/screenings", "/imports")) {
      assertThat(browser.get("/console/orgs/org-console-own" + page).statusCode()).as(page).isEqualTo(200);
      assertThat(browser.get("/console/orgs/org-console-other" + page).statusCode()).as(page).isEqualTo(404);
    }
    assertThat(browser.get("/console/cron").statusCode()).isEqualTo(403);
    assertThat(browser.get("/console/queues").statusCode()).isEqualTo(403);
    // cron runs belong to no organization: no list under one
    assertThat(browser.get("/console/orgs/org-console-own/cron-runs").statusCode()).isEqualTo(404);
    browser.get("/console/orgs/org-console-own");
    assertThat(browser.post("/console/orgs/org-console-other/webhook-deliveries/dlv_1/redeliver", "_csrf=" + browser.csrf()).statusCode())
        .isEqualTo(404);
    assertThat(browser.get("/console/orgs/org-console-own/no-such-list").statusCode()).isEqualTo(404);
    assertThat(browser.get("/console/orgs/org-console-own/webhook-deliveries?status=LOST").statusCode()).isEqualTo(400);

    // signing out ends the session
    assertThat(browser.post("/console/logout", "_csrf=" + browser.csrf()).statusCode()).isEqualTo(302);
    assertThat(browser.get("/console/orgs/org-console-own").statusCode()).isEqualTo(302);
  }
}
