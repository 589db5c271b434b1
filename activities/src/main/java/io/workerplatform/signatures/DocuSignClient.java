package io.workerplatform.signatures;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DocuSign eSignature REST v2.1: one envelope per request, sent at creation, with a per-envelope
 * Connect notification (HMAC-signed) to {@code /callbacks/docusign}. Signers are recipients 1..n,
 * all in routing order 1 (they sign in parallel).
 */
public class DocuSignClient implements SignatureProvider {
  public static final String NAME = "docusign";
  static final List<String> CONNECT_EVENTS =
      List.of(
          "envelope-completed", "envelope-declined", "envelope-voided",
          "recipient-completed", "recipient-declined");

  private final String accountUrl;
  private final AccessTokenSource tokens;
  private final ProviderHttp http;
  private final JsonMapper json;

  /** {@code baseUrl}: the account's base URI plus {@code /restapi}, e.g. {@code https://demo.docusign.net/restapi}. */
  public DocuSignClient(URI baseUrl, String accountId, AccessTokenSource tokens, Duration timeout, JsonMapper json) {
    this.json = json;
    this.accountUrl = ProviderHttp.withoutTrailingSlash(baseUrl) + "/v2.1/accounts/" + accountId;
    this.tokens = tokens;
    this.http = new ProviderHttp(NAME, timeout);
  }

  @Override
  public String name() {
    return NAME;
  }

  public static String callbackUrl(String baseUrl) {
    return baseUrl + "/callbacks/docusign";
  }

  @Override
  public CreatedProcess create(NewProcess process) {
    ObjectNode envelope = json.createObjectNode();
    envelope.put("emailSubject", process.title());
    envelope.put("status", "sent");
    Document document = process.document();
    envelope.putArray("documents").addObject()
        .put("documentId", "1")
        .put("name", document.name())
        .put("fileExtension", extension(document.name()))
        .put("documentBase64", Base64.getEncoder().encodeToString(document.content()));
    ArrayNode signers = envelope.putObject("recipients").putArray("signers");
    List<String> recipientIds = new ArrayList<>();
    for (int i = 0; i < process.signers().size(); i++) {
      String recipientId = Integer.toString(i + 1);
      recipientIds.add(recipientId);
      signers.addObject()
          .put("recipientId", recipientId)
          .put("routingOrder", "1")
          .put("name", process.signers().get(i).name())
          .put("email", process.signers().get(i).email());
    }
    envelope.putObject("notification")
        .put("useAccountDefaults", "false")
        .putObject("expirations")
        .put("expireEnabled", "true")
        .put("expireAfter", Integer.toString(process.expiresInDays()))
        .put("expireWarn", "0");
    ObjectNode connect = envelope.putObject("eventNotification");
    connect.put("url", callbackUrl(process.callbackBaseUrl()))
        .put("requireAcknowledgment", "true")
        .put("includeHMAC", "true")
        .put("deliveryMode", "SIM");
    connect.putObject("eventData").put("version", "restv2.1").put("format", "json");
    CONNECT_EVENTS.forEach(connect.putArray("events")::add);
    envelope.putObject("customFields").putArray("textCustomFields").addObject()
        .put("name", "signatureRequestId")
        .put("value", process.signatureRequestId())
        .put("show", "false");
    JsonNode created = read("create", http.send("create", post("/envelopes", envelope)));
    String envelopeId = created.path("envelopeId").asString("");
    if (envelopeId.isBlank()) {
      throw new ProviderException(NAME + " create: answer without envelopeId", false, null);
    }
    return new CreatedProcess(envelopeId, recipientIds);
  }

  @Override
  public void remind(ProcessRef process) {
    http.send(
        "remind",
        put("/envelopes/" + process.processId() + "?resend_envelope=true", json.createObjectNode()));
  }

  @Override
  public void cancel(ProcessRef process) {
    ObjectNode voided =
        json.createObjectNode().put("status", "voided").put("voidedReason", "Cancelled by the sender");
    http.send("cancel", put("/envelopes/" + process.processId(), voided));
  }

  @Override
  public String state(ProcessRef process) {
    JsonNode envelope =
        read("status", http.send("status", request("/envelopes/" + process.processId()).GET().build()));
    return switch (envelope.path("status").asString("")) {
      case "completed" -> SignatureWorkflow.COMPLETED;
      case "declined" -> SignatureWorkflow.DECLINED;
      case "voided" -> SignatureWorkflow.CANCELLED;
      default -> SignatureWorkflow.AWAITING_SIGNATURES;
    };
  }

  /** The combined PDF: every document of the envelope with its signatures. */
  @Override
  public byte[] downloadSigned(ProcessRef process) {
    return http.send(
        "download",
        request("/envelopes/" + process.processId() + "/documents/combined")
            .header("Accept", "application/pdf")
            .GET()
            .build());
  }

  private HttpRequest post(String path, JsonNode body) {
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
        .build();
  }

  private HttpRequest put(String path, JsonNode body) {
    return request(path)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
        .build();
  }

  private HttpRequest.Builder request(String path) {
    return http.request(URI.create(accountUrl + path), "Bearer " + tokens.accessToken());
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "pdf" : fileName.substring(dot + 1);
  }

  private byte[] bytes(JsonNode body) {
    return json.writeValueAsBytes(body);
  }

  private JsonNode read(String operation, byte[] answer) {
    try {
      return json.readTree(answer);
    } catch (JacksonException e) {
      throw new ProviderException(NAME + " " + operation + ": unreadable answer", false, e);
    }
  }
}
