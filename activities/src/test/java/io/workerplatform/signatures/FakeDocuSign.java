package io.workerplatform.signatures;

import io.workerplatform.common.LocalHttpServer.Request;
import tools.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DocuSign eSignature REST v2.1 as documented, for what the platform uses: envelopes created in
 * status {@code sent}, resent, voided, read and their combined document downloaded. It can post
 * Connect notifications (JSON, HMAC-signed) to the envelope's {@code eventNotification.url}.
 */
public final class FakeDocuSign extends FakeProviderServer {
  public static final String ACCOUNT = "0a1b2c3d-acct";
  static final Pattern ENVELOPE =
      Pattern.compile("/restapi/v2\\.1/accounts/" + ACCOUNT + "/envelopes(?:/([^/]+)(/documents/combined)?)?");

  public record Envelope(String id, JsonNode definition, Map<String, String> state) {
    public String status() {
      return state.get("status");
    }
  }

  public final Map<String, Envelope> envelopes = new ConcurrentHashMap<>();
  private volatile String lastCreatedId;

  public FakeDocuSign(String token) {
    super(token);
  }

  public String restApiUrl() {
    return baseUrl() + "/restapi";
  }

  public Envelope last() {
    return lastCreatedId == null ? null : envelopes.get(lastCreatedId);
  }

  @Override
  Answer answer(Request request) throws java.io.IOException {
    Matcher m = ENVELOPE.matcher(request.path());
    if (!m.matches()) {
      return Answer.json(404, Map.of("errorCode", "INVALID_REQUEST_PARAMETER"));
    }
    if (m.group(1) == null) {
      return request.method().equals("POST") ? create(request) : Answer.json(405, Map.of());
    }
    Envelope envelope = envelopes.get(m.group(1));
    if (envelope == null) {
      return Answer.json(404, Map.of("errorCode", "ENVELOPE_DOES_NOT_EXIST"));
    }
    if (m.group(2) != null) {
      return "completed".equals(envelope.status())
          ? new Answer(200, "application/pdf", FakeSignaturit.signedPdf(envelope.id()))
          : Answer.json(400, Map.of("errorCode", "ENVELOPE_NOT_COMPLETED"));
    }
    return switch (request.method()) {
      case "GET" -> Answer.json(200, view(envelope));
      case "PUT" -> update(envelope, request);
      default -> Answer.json(405, Map.of());
    };
  }

  private Answer create(Request request) throws java.io.IOException {
    JsonNode body = json.readTree(request.body());
    if (!"sent".equals(body.path("status").asString())) {
      throw new IllegalArgumentException("status must be sent");
    }
    if (body.path("documents").path(0).path("documentBase64").asString().isEmpty()) {
      throw new IllegalArgumentException("documents[0].documentBase64 is required");
    }
    if (body.path("recipients").path("signers").isEmpty()) {
      throw new IllegalArgumentException("recipients.signers is required");
    }
    String id = UUID.randomUUID().toString();
    Map<String, String> state = new ConcurrentHashMap<>(Map.of("status", "sent"));
    envelopes.put(id, new Envelope(id, body, state));
    lastCreatedId = id;
    return Answer.json(201, Map.of("envelopeId", id, "uri", "/envelopes/" + id, "statusDateTime", "2026-11-22T10:00:00Z", "status", "sent"));
  }

  private Answer update(Envelope envelope, Request request) throws java.io.IOException {
    if ("resend_envelope=true".equals(request.query())) {
      return Answer.json(200, Map.of("envelopeId", envelope.id()));
    }
    JsonNode body = json.readTree(request.body());
    if ("voided".equals(body.path("status").asString())) {
      if (!envelope.status().equals("sent") && !envelope.status().equals("delivered")) {
        return Answer.json(400, Map.of("errorCode", "ENVELOPE_CANNOT_VOID_INVALID_STATE"));
      }
      if (body.path("voidedReason").asString().isEmpty()) {
        throw new IllegalArgumentException("voidedReason is required");
      }
      envelope.state().put("status", "voided");
    }
    return Answer.json(200, Map.of("envelopeId", envelope.id()));
  }

  private static Map<String, Object> view(Envelope envelope) {
    return Map.of("envelopeId", envelope.id(), "status", envelope.status());
  }

  /** A Connect notification as DocuSign sends it, signed with {@code hmacKey}. */
  public HttpResponse<String> sendConnect(String envelopeId, String event, String recipientId, String hmacKey, String status)
      throws Exception {
    Envelope envelope = envelopes.get(envelopeId);
    if (status != null) {
      envelope.state().put("status", status);
    }
    Map<String, Object> data = recipientId == null
        ? Map.of("accountId", ACCOUNT, "envelopeId", envelopeId)
        : Map.of("accountId", ACCOUNT, "envelopeId", envelopeId, "recipientId", recipientId);
    byte[] body = json.writeValueAsBytes(Map.of(
        "event", event, "apiVersion", "v2.1", "uri", "/restapi/v2.1/accounts/" + ACCOUNT + "/envelopes/" + envelopeId,
        "retryCount", 0, "generatedDateTime", "2026-11-22T10:05:00Z", "data", data));
    return postSigned(envelope.definition().path("eventNotification").path("url").asString(), body, DocuSignConnect.sign(hmacKey, body));
  }

  static HttpResponse<String> postSigned(String url, byte[] body, String signature) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
            .header("Content-Type", "application/json")
            .header("X-DocuSign-Signature-1", signature)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
