package io.workerplatform.signatures;

import static io.workerplatform.signatures.ProviderCallback.required;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signaturit's events, posted as JSON to the request's {@code events_url}: {@code type} and the
 * {@code document} (one per signer) they concern. Signaturit does not sign them; the secret token
 * in the URL authenticates them.
 */
public final class SignaturitEvents {
  private SignaturitEvents() {}

  /** @throws ProviderCallback.MalformedCallback when the body lacks what the event needs */
  public static ProviderCallback parse(JsonMapper json, byte[] body) {
    JsonNode event = ProviderCallback.parse(json, body);
    String type = required(event, "type");
    String document = required(event, "document.id");
    return switch (type) {
      // a document is one signer's copy: signed, then completed (with its audit trail)
      case "document_signed", "document_completed" ->
          new ProviderCallback(type, null, ProviderCallback.SIGNED, document, null);
      case "document_declined" ->
          new ProviderCallback(type, null, ProviderCallback.DECLINED, document, null);
      case "document_expired" ->
          new ProviderCallback(type, null, ProviderCallback.EXPIRED, document, null);
      case "document_canceled" ->
          new ProviderCallback(
              type, null, ProviderCallback.ERROR, document, "canceled at signaturit");
      default -> new ProviderCallback(type, null, null, document, null);
    };
  }
}
