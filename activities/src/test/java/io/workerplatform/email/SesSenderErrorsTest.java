package io.workerplatform.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.LocalHttpServer;
import io.workerplatform.email.EmailTemplates.RenderedEmail;
import io.workerplatform.email.SesSender.SendFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * How SES's answers are classified, with the real SDK against a loopback HTTP server that answers
 * as SES v2 does for errors (status, {@code x-amzn-ErrorType}, JSON message).
 */
class SesSenderErrorsTest {
  private LocalHttpServer server;
  private final AtomicReference<int[]> status = new AtomicReference<>();
  private final AtomicReference<String> errorType = new AtomicReference<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicReference<Duration> answerAfter = new AtomicReference<>(Duration.ZERO);
  private SesV2Client client;
  private SesSender sender;

  @BeforeEach
  void start() {
    server =
        LocalHttpServer.start(
            request -> {
              requests.incrementAndGet();
              Thread.sleep(answerAfter.get().toMillis());
              return new LocalHttpServer.Response(
                  status.get()[0],
                  Map.of("Content-Type", "application/json", "x-amzn-ErrorType", errorType.get()),
                  "{\"message\":\"answer of the fake SES about ana@example.com\"}".getBytes(StandardCharsets.UTF_8));
            });
    client =
        SesClients.create(
            URI.create(server.url("")), "eu-west-1", "k", "s", 2, Duration.ofSeconds(2));
    sender = new SesSender(client, new EmailSettings("no-reply@platform.test", AllowList.parse(""), 10, null));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private SendFailure failureFor(int code, String type) {
    status.set(new int[] {code});
    errorType.set(type);
    requests.set(0);
    var thrown =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            SendFailure.class,
            () -> sender.send("ana@example.com", new RenderedEmail("s", "<p>h</p>", "t")));
    assertThat(requests.get()).as("one request: retries belong to the activity").isEqualTo(1);
    return thrown;
  }

  @Test
  void throttlingIsRetryable() {
    SendFailure failure = failureFor(429, "TooManyRequestsException");
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("throttled");
  }

  @Test
  void aSendingQuotaExceededIsRetryable() {
    assertThat(failureFor(400, "LimitExceededException").retryable()).isTrue();
  }

  @Test
  void serverErrorsAreRetryable() {
    SendFailure failure = failureFor(503, "ServiceUnavailable");
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("503");
  }

  @Test
  void aRejectedMessageIsPermanent() {
    SendFailure failure = failureFor(400, "MessageRejected");
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("MessageRejected").doesNotContain("@");
    // SES's words can quote addresses: they stay out of the message that reaches histories.
    assertThat(failure.detail()).isEqualTo("answer of the fake SES about ana@example.com");
  }

  @Test
  void anUnverifiedSenderIsPermanent() {
    assertThat(failureFor(400, "MailFromDomainNotVerifiedException").retryable()).isFalse();
  }

  @Test
  void anUnreachableEndpointIsRetryable() {
    server.close();
    assertThatThrownBy(() -> sender.send("ana@example.com", new RenderedEmail("s", "h", "t")))
        .isInstanceOfSatisfying(
            SendFailure.class, f -> assertThat(f.retryable()).isTrue().isEqualTo(!f.inDoubt()))
        .hasMessageContaining("unreachable");
  }

  @Test
  void anAnswerSlowerThanTheCallTimeoutLeavesTheMessageInDoubt() {
    answerAfter.set(Duration.ofSeconds(4)); // the client's call timeout is 2 s
    SendFailure failure = failureFor(200, "none");
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.inDoubt()).isTrue();
    assertThat(failure.getMessage()).isEqualTo("SES call timed out: outcome unknown");
  }

  @Test
  void refusalsAndServerErrorsAreNotInDoubt() {
    assertThat(failureFor(503, "ServiceUnavailable").inDoubt()).isFalse();
    assertThat(failureFor(429, "TooManyRequestsException").inDoubt()).isFalse();
    assertThat(failureFor(400, "MessageRejected").inDoubt()).isFalse();
  }
}
