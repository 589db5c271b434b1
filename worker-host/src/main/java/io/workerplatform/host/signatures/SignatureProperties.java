package io.workerplatform.host.signatures;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.signatures.*}. A provider is configured when its credentials are: Signaturit by
 * its token, DocuSign by its account id.
 *
 * @param callbackBaseUrl how providers reach this host's {@code /callbacks/...} endpoints
 * @param requestTimeout per provider HTTP call
 * @param minReminderInterval the provider reminds a request's signers at most once per this
 *     interval: the API answers 429 sooner, the workflow counts and ignores reminders that come
 *     sooner anyway
 */
@ConfigurationProperties("platform.signatures")
public record SignatureProperties(
    @DefaultValue("http://localhost:8080") String callbackBaseUrl,
    @DefaultValue("30s") Duration requestTimeout,
    @DefaultValue("1h") Duration minReminderInterval,
    @DefaultValue Signaturit signaturit,
    @DefaultValue DocuSign docusign) {

  /**
   * @param baseUrl {@code https://api.signaturit.com}, or the sandbox {@code https://api.sandbox.signaturit.com}
   * @param token the account's API token ({@code SIGNATURIT_TOKEN}); empty: Signaturit is off
   */
  public record Signaturit(@DefaultValue("https://api.sandbox.signaturit.com") String baseUrl, String token) {
    boolean configured() {
      return token != null && !token.isBlank();
    }
  }

  /**
   * @param baseUrl the account's base URI with {@code /restapi}
   * @param accountId the DocuSign account ({@code DOCUSIGN_ACCOUNT_ID}); empty: DocuSign is off
   * @param accessToken a fixed OAuth access token; applications with the JWT grant provide their own
   *     {@code AccessTokenSource} bean instead
   * @param hmacKeys the Connect HMAC keys of the account (any of them may sign a notification)
   */
  public record DocuSign(
      @DefaultValue("https://demo.docusign.net/restapi") String baseUrl,
      String accountId,
      String accessToken,
      @DefaultValue List<String> hmacKeys) {
    boolean configured() {
      return accountId != null && !accountId.isBlank();
    }
  }
}
