package io.workerplatform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookSettings settings =
      new WebhookSettings(Duration.ofSeconds(2), Duration.ofMillis(700), true, 25, 16);
  private final WebhookSender sender = new WebhookSender(settings, Clock.systemUTC());

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void signsPerStandardWebhooks() {
    byte[] body = "{\"type\":\"petition.completed\"}".getBytes(StandardCharsets.UTF_8);

    SendResult result = sender.send(receiver.url("/hook"), "dlv_1", SECRET, body);

    assertThat(result.delivered()).isTrue();
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.responseExcerpt()).isEqualTo("ok");
    assertThat(receiver.received).hasSize(1);
    WebhookReceiver.Received request = receiver.received.get(0);
    assertThat(request.path()).isEqualTo("/hook");
    assertThat(request.body()).isEqualTo("{\"type\":\"petition.completed\"}");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("webhook-id")).isEqualTo("dlv_1");
    long timestamp = Long.parseLong(request.header("webhook-timestamp"));
    assertThat(timestamp).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
    assertThat(request.header("webhook-signature"))
        .isEqualTo(StandardWebhooksVerifier.expectedSignature(SECRET, "dlv_1", timestamp, body))
        .startsWith("v1,");
  }

  @Test
  void knownVectorFromTheStandardWebhooksSpecification() {
    // Test vector published with the Standard Webhooks reference libraries.
    String signature =
        WebhookSignature.sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void recordsNon2xxWithAnExcerptOfTheAnswer() {
    receiver.answer(503).answerBody("service unavailable, try again much later please");

    SendResult result = sender.send(receiver.url("/hook"), "dlv_2", SECRET, new byte[] {'{', '}'});

    assertThat(result.delivered()).isFalse();
    assertThat(result.statusCode()).isEqualTo(503);
    assertThat(result.error()).isEqualTo("HTTP 503");
    assertThat(result.responseExcerpt()).isEqualTo("service unavaila").hasSize(16);
  }

  @Test
  void aHangingEndpointTimesOut() {
    receiver.delay(3_000);

    long start = System.nanoTime();
    SendResult result = sender.send(receiver.url("/slow"), "dlv_3", SECRET, new byte[] {'{', '}'});

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(result.statusCode()).isNull();
    assertThat(result.error()).startsWith("timed out");
    assertThat(result.refused()).isFalse();
  }

  @Test
  void anUnreachableEndpointIsAFailureNotAnException() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    SendResult result =
        sender.send("http://127.0.0.1:" + closedPort + "/", "dlv_4", SECRET, new byte[] {'{', '}'});

    assertThat(result.statusCode()).isNull();
    assertThat(result.error()).contains("ConnectException");
  }

  @Test
  void theSsrfGuardRefusesPrivateAndLoopbackAddresses() throws Exception {
    // http allowed here: the receiver is plain http, and this test is about addresses
    WebhookSender guarded =
        new WebhookSender(settings.withAllowPrivateAddresses(false).withAllowedHosts(List.of(), true), Clock.systemUTC());

    SendResult result = guarded.send(receiver.url("/hook"), "dlv_5", SECRET, new byte[] {'{', '}'});

    assertThat(result.refused()).isTrue();
    assertThat(result.error()).isEqualTo("refused: 127.0.0.1 resolves to a non-public address");
    assertThat(receiver.received).isEmpty();
    AddressGuard guard = new AddressGuard(false, List.of(), false);
    for (String host :
        new String[] {
          "localhost", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
          "0.0.0.0", "[::]", "[::1]", "[fd00::1]", "[fe80::1]",
          "[64:ff9b::7f00:1]", "[64:ff9b:1::a00:1]", "[2002:7f00:1::1]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]",
          "[::7f00:1]", "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]"
        }) {
      assertThat(guard.refusal(URI.create("https://" + host + "/x"))).as(host).isPresent();
    }
    // the refusal names the host, never the address it resolved to
    assertThat(guard.refusal(URI.create("https://localhost/x")))
        .hasValue("refused: localhost resolves to a non-public address");
    assertThat(guard.refusal(URI.create("https://93.184.215.14/x"))).isEmpty();
    assertThat(guard.refusal(URI.create("https://[2606:4700::1111]/x"))).isEmpty();
  }

  @Test
  void aNameThatRebindsAfterTheCheckIsNeverReachedAtItsNewAddress() throws Exception {
    // public when first asked, loopback (where the receiver listens) on every later question
    AtomicInteger lookups = new AtomicInteger();
    AddressGuard.Lookup rebinding =
        host -> new InetAddress[] {
          lookups.getAndIncrement() == 0
              ? InetAddress.getByName("203.0.113.10") // documentation range: routes nowhere
              : InetAddress.getLoopbackAddress()
        };
    WebhookSettings quick =
        new WebhookSettings(Duration.ofMillis(300), Duration.ofSeconds(1), false, 25, 16).withAllowedHosts(List.of(), true);
    try (WebhookSender guarded = new WebhookSender(quick, Clock.systemUTC(), rebinding, 10)) {
      String url = "http://rebind.example:" + java.net.URI.create(receiver.url("/")).getPort() + "/hook";

      SendResult first = guarded.send(url, "dlv_6", SECRET, new byte[] {'{', '}'});
      SendResult second = guarded.send(url, "dlv_7", SECRET, new byte[] {'{', '}'});

      assertThat(first.refused()).isFalse();
      assertThat(first.statusCode()).isNull(); // it went to the address that was checked
      assertThat(second.refused()).isTrue(); // the next lookup answered loopback: refused
      assertThat(second.error()).isEqualTo("refused: rebind.example resolves to a non-public address");
      assertThat(lookups.get()).isEqualTo(2); // one lookup per request: checked and used alike
      assertThat(receiver.received).isEmpty();
    }
  }

  @Test
  void anAllowedHostIsReachedOnItsPrivateAddressWhileTheGuardStaysOnForEveryOtherHost() throws Exception {
    WebhookSettings developer =
        settings.withAllowPrivateAddresses(false).withAllowedHosts(List.of(" LocalHost "), true);
    int port = URI.create(receiver.url("/")).getPort();
    try (WebhookSender sender = new WebhookSender(developer, Clock.systemUTC())) {
      SendResult allowed = sender.send("http://localhost:" + port + "/hook", "dlv_8", SECRET, new byte[] {'{', '}'});
      SendResult other = sender.send("http://127.0.0.1:" + port + "/hook", "dlv_9", SECRET, new byte[] {'{', '}'});

      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(other.refused()).isTrue();
      assertThat(other.error()).isEqualTo("refused: 127.0.0.1 resolves to a non-public address");
      assertThat(receiver.received).hasSize(1);
    }
    AddressGuard guard = AddressGuard.of(developer);
    assertThat(guard.refusal(URI.create("http://localhost:8080/x"))).isEmpty();
    assertThat(guard.refusal(URI.create("http://10.0.0.5:5432/"))).isPresent(); // as app-postgresql would resolve
  }

  @Test
  void whereTheGuardIsOnPlainHttpIsRefusedUnlessAllowed() throws Exception {
    AddressGuard httpsOnly = new AddressGuard(false, List.of("localhost"), false);
    assertThat(httpsOnly.refusal(URI.create("http://93.184.215.14/x")))
        .hasValue("must be an https URL (plain http is refused unless platform.webhooks.allow-http is set)");
    assertThat(httpsOnly.refusal(URI.create("https://93.184.215.14/x"))).isEmpty();
    assertThat(new AddressGuard(false, List.of(), true).refusal(URI.create("http://93.184.215.14/x"))).isEmpty();
    assertThat(new AddressGuard(true, List.of(), false).refusal(URI.create("http://localhost/x"))).isEmpty();
    // a URL stored before https was required is refused at sending, and never sent
    try (WebhookSender sender =
        new WebhookSender(settings.withAllowPrivateAddresses(false).withAllowedHosts(List.of("localhost"), false), Clock.systemUTC())) {
      SendResult result = sender.send(receiver.url("/hook").replace("127.0.0.1", "localhost"), "dlv_10", SECRET, new byte[] {'{', '}'});
      assertThat(result.refused()).isTrue();
      assertThat(result.error()).isEqualTo(
          "refused: the URL must be an https URL (plain http is refused unless platform.webhooks.allow-http is set)");
    }
    assertThat(receiver.received).isEmpty();
  }

  @Test
  void urlSyntaxIsCheckedBeforeStoring() {
    assertThat(AddressGuard.syntaxProblem("https://hooks.example.com/a")).isEmpty();
    assertThat(AddressGuard.syntaxProblem("ftp://example.com")).contains("must be an http or https URL");
    assertThat(AddressGuard.syntaxProblem("not a url")).isPresent();
    assertThat(AddressGuard.syntaxProblem("https://user:pw@example.com/")).contains("must not carry credentials");
  }
}
