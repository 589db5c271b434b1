package io.workerplatform.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.webhooks.WebhookReceiver;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real browser: Debian's headless Chromium driven through its chromedriver (no
 * download at run time). Signs in, finds a failed delivery, presses Redeliver and sees the new
 * attempt. Screenshots of the pages go to target/console-screenshots.
 */
@HostTest
class ConsoleBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.webhooks.retry-delays", () -> "1s");
    registry.add("platform.temporal.ui-url", () -> "http://temporal-ui.test:8080");
  }

  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Autowired io.workerplatform.apikeys.ApiKeyStore keys;

  private final WebhookReceiver receiver = new WebhookReceiver().answer(500);
  private WebDriver browser;
  private Path profile;

  @BeforeEach
  void startBrowser() throws Exception {
    assertThat(new File(CHROMIUM)).as("Chromium (Debian package chromium) is needed for the console test").exists();
    assertThat(new File(CHROMEDRIVER)).as("chromedriver (Debian package chromium-driver)").exists();
    profile = Files.createTempDirectory("console-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,900", "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    receiver.close();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private void screenshot(String name) throws Exception {
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @Test
  void signInSeeTheFailedDeliveryRedeliverItAndSeeTheNewAttempt() throws Exception {
    String orgId = "org-console";
    Api api = Api.admin(port).newOrganization(orgId);
    api.post(
        "/api/orgs/" + orgId + "/webhook-subscriptions",
        "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"petition.completed\"]}");
    String deliveryId =
        api.post("/api/orgs/" + orgId + "/events", "{\"type\":\"petition.completed\",\"data\":{}}")
            .body().get("deliveryIds").get(0).asString();
    Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/webhook-deliveries/" + deliveryId).body().get("status").asString(),
        "FAILED"::equals,
        Duration.ofSeconds(30));

    // signed out, the console sends the browser to its sign-in page
    browser.get(url("/console"));
    assertThat(browser.getCurrentUrl()).endsWith("/console/login");
    screenshot("sign-in");
    browser.findElement(By.id("token")).sendKeys(Api.ADMIN_TOKEN);
    browser.findElement(By.id("sign-in")).click();
    waiting().until(d -> d.getCurrentUrl().endsWith("/console"));
    screenshot("organizations");

    browser.findElement(By.linkText(orgId)).click();
    waiting().until(d -> d.getCurrentUrl().endsWith("/console/orgs/" + orgId));
    screenshot("organization");
    // the last hour's chart: a row per registered series, with its total
    assertThat(browser.findElement(By.id("chart-legend")).getText())
        .startsWith("Last hour, per minute:")
        .contains("webhook attempts (2)", "webhook attempts delivered (0)", "emails sent (0)");
    // each kind's card: its waiting, running, completed and failed work, then its counts by status
    WebElement deliveries = browser.findElement(By.xpath("//div[@class='card'][h3='Webhook deliveries']"));
    assertThat(deliveries.findElement(By.className("phases")).getText())
        .isEqualTo("0 waiting · 0 running · completed 0 in the last hour, 0 in the last day · "
            + "failed 1 in the last hour, 1 in the last day");
    assertThat(browser.findElements(By.xpath("//div[@class='card']/h3")))
        .extracting(WebElement::getText)
        .contains("Email messages", "Compliance runs", "SAP sync runs")
        .doesNotContain("Cron runs");
    // the FAILED count of webhook deliveries links to the list filtered by it
    browser.findElement(By.cssSelector("a[href*='webhook-deliveries?status=FAILED']")).click();
    waiting().until(d -> d.getCurrentUrl().contains("status=FAILED"));
    assertThat(browser.findElement(By.id("items")).getText()).contains(deliveryId).contains("FAILED").contains("HTTP 500");
    assertThat(browser.findElement(By.linkText("webhook-delivery/" + deliveryId)).getAttribute("href"))
        .isEqualTo("http://temporal-ui.test:8080/namespaces/default/workflows/webhook-delivery%2F" + deliveryId);
    screenshot("failed-deliveries");

    browser.findElement(By.linkText(deliveryId)).click();
    waiting().until(d -> d.getCurrentUrl().endsWith("/webhook-deliveries/" + deliveryId));
    assertThat(browser.findElement(By.id("delivery-status")).getText()).isEqualTo("FAILED");
    assertThat(browser.findElements(By.cssSelector("#attempts tr"))).hasSize(1 + 2);

    receiver.answer(200); // the receiver is fixed
    browser.findElement(By.id("redeliver")).click();
    waiting().until(d -> d.getPageSource().contains("Redelivery of " + deliveryId + " started."));
    waiting().until(
        d -> {
          d.navigate().refresh();
          return d.findElement(By.id("delivery-status")).getText().equals("DELIVERED");
        });
    assertThat(browser.findElements(By.cssSelector("#attempts tr"))).hasSize(1 + 3);
    assertThat(browser.findElement(By.id("attempts")).getText()).contains("200");
    screenshot("delivery");

    browser.get(url("/console/cron"));
    assertThat(browser.findElement(By.id("jobs")).getText()).contains("anonymizer").contains("0 2 * * *");
    screenshot("cron");

    // the task queues: pause the email queue on every host, then resume it
    browser.findElement(By.linkText("Task queues")).click();
    waiting().until(d -> d.getCurrentUrl().endsWith("/console/queues"));
    assertThat(browser.findElement(By.id("queue-email")).getText()).contains("RUNNING");
    browser.findElement(By.cssSelector("#queue-email button")).click();
    waiting().until(d -> d.getPageSource().contains("Task queue email: pause done."));
    assertThat(browser.findElement(By.id("queue-email")).getText()).contains("PAUSED");
    assertThat(Api.admin(port).get("/api/queues/email").body().get("paused").asBoolean()).isTrue();
    screenshot("queues");
    browser.findElement(By.cssSelector("#queue-email button")).click();
    waiting().until(d -> d.getPageSource().contains("Task queue email: resume done."));
    assertThat(browser.findElement(By.id("queue-email")).getText()).contains("RUNNING");
    assertThat(Api.admin(port).get("/api/queues/email").body().get("paused").asBoolean()).isFalse();
  }

  @Test
  void aKeyRevokedThroughAnotherHostSendsItsNextClickToTheSignInPage() throws Exception {
    String orgId = "org-console-revoked";
    Api admin = Api.admin(port);
    admin.newOrganization(orgId);
    String key = admin.newKey(orgId);
    String keyId = admin.get("/api/orgs/" + orgId + "/api-keys").body().get("items").get(0).get("id").asString(); // newest
    browser.get(url("/console/login"));
    browser.findElement(By.id("token")).sendKeys(key);
    browser.findElement(By.id("sign-in")).click();
    waiting().until(d -> d.getCurrentUrl().endsWith("/console/orgs/" + orgId));
    // the page drew with its stylesheet, under a policy that allows nothing else
    assertThat(browser.findElement(By.tagName("header")).getCssValue("background-color")).isEqualTo("rgba(29, 35, 48, 1)");

    // another host revokes the key: its row and its announcement, not this host's API
    assertThat(keys.revoke(orgId, keyId)).isTrue();
    browser.findElement(By.cssSelector("a[href*='webhook-deliveries?status=FAILED']")).click();

    waiting().until(d -> d.getCurrentUrl().endsWith("/console/login?ended"));
    assertThat(browser.findElement(By.id("ended")).getText()).contains("revoked or changed");
    screenshot("session-ended");
    browser.get(url("/console/orgs/" + orgId));
    assertThat(browser.getCurrentUrl()).endsWith("/console/login");
  }
}
