package io.workerplatform.signatures;

import static io.workerplatform.signatures.ProviderCallback.required;

import io.workerplatform.common.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DocuSign Connect notifications (JSON, v2.1 event model). Each is signed with every active HMAC
 * key of the account: {@code X-DocuSign-Signature-1}, {@code -2}, ... carry base64
 * HMAC-SHA256(key, body).
 */
public final class DocuSignConnect {
  /** DocuSign allows up to 100 keys per account; each signs in its own header. */
  private static final int MAX_SIGNATURE_HEADERS = 100;

  private final List<String> keys;

  /** Blank keys are dropped: with none left, no notification is genuine. */
  public DocuSignConnect(List<String> hmacKeys) {
    this.keys = hmacKeys.stream().filter(key -> key != null && !key.isBlank()).toList();
  }

  /** True when one of the signature headers matches one of the configured keys. */
  public boolean verify(byte[] body, Function<String, String> header) {
    for (String key : keys) {
      byte[] expected = sign(key, body).getBytes(StandardCharsets.US_ASCII);
      for (int i = 1; i <= MAX_SIGNATURE_HEADERS; i++) {
        String signature = header.apply("X-DocuSign-Signature-" + i);
        if (signature == null) {
          break;
        }
        if (MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
          return true;
        }
      }
    }
    return false;
  }

  public static String sign(String key, byte[] body) {
    return Base64.getEncoder().encodeToString(Hashes.hmacSha256(key.getBytes(StandardCharsets.UTF_8), body));
  }

  /** @throws ProviderCallback.MalformedCallback when the body lacks what the event needs */
  public static ProviderCallback parse(JsonMapper json, byte[] body) {
    JsonNode notification = ProviderCallback.parse(json, body);
    String event = required(notification, "event");
    String envelopeId = required(notification, "data.envelopeId");
    return switch (event) {
      case "recipient-completed" ->
          new ProviderCallback(
              event, envelopeId, ProviderCallback.SIGNED, required(notification, "data.recipientId"), null);
      case "recipient-declined" ->
          new ProviderCallback(
              event, envelopeId, ProviderCallback.DECLINED, required(notification, "data.recipientId"), null);
      case "envelope-declined" ->
          new ProviderCallback(event, envelopeId, ProviderCallback.DECLINED, null, null);
      case "envelope-completed" ->
          new ProviderCallback(event, envelopeId, ProviderCallback.COMPLETED, null, null);
      case "envelope-voided" ->
          new ProviderCallback(event, envelopeId, ProviderCallback.ERROR, null, "voided at docusign");
      default -> new ProviderCallback(event, envelopeId, null, null, null);
    };
  }
}
