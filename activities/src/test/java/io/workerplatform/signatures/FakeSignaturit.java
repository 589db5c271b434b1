package io.workerplatform.signatures;

import io.workerplatform.common.LocalHttpServer.Request;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signaturit API v3 as documented, for what the platform uses: signatures created from a multipart
 * form (one document per recipient), reminders, cancel, status and the signed download. It can
 * post events to the {@code events_url} a signature was created with, as Signaturit does.
 */
public final class FakeSignaturit extends FakeProviderServer {
  static final Pattern SIGNATURE = Pattern.compile("/v3/signatures/([^/]+)(\\.json|/reminder\\.json|/cancel\\.json|/documents/([^/]+)/download/signed)");

  public record Signature(String id, String eventsUrl, Map<String, MultipartParts.Part> form, List<Map<String, Object>> documents) {}

  public final Map<String, Signature> signatures = new ConcurrentHashMap<>();

  public FakeSignaturit(String token) {
    super(token);
  }

  /** The signature the platform created last. */
  public Signature last() {
    return lastCreatedId == null ? null : signatures.get(lastCreatedId);
  }

  private volatile String lastCreatedId;

  @Override
  Answer answer(Request request) throws IOException {
    if (request.method().equals("POST") && request.path().equals("/v3/signatures.json")) {
      return create(request);
    }
    Matcher m = SIGNATURE.matcher(request.path());
    if (!m.matches() || !signatures.containsKey(m.group(1))) {
      return Answer.json(404, Map.of("message", "Signature not found"));
    }
    Signature signature = signatures.get(m.group(1));
    String action = m.group(2);
    if (request.method().equals("GET") && action.equals(".json")) {
      return Answer.json(200, view(signature));
    }
    if (request.method().equals("POST") && action.equals("/reminder.json")) {
      return Answer.json(200, List.of());
    }
    if (request.method().equals("PATCH") && action.equals("/cancel.json")) {
      if (signature.documents().stream().anyMatch(d -> !List.of("in_queue", "ready", "signing").contains(d.get("status")))) {
        return Answer.json(400, Map.of("message", "Signature cannot be canceled"));
      }
      signature.documents().forEach(d -> d.put("status", "canceled"));
      return Answer.json(200, view(signature));
    }
    if (request.method().equals("GET") && m.group(3) != null) {
      Map<String, Object> document = signature.documents().stream()
          .filter(d -> d.get("id").equals(m.group(3))).findFirst().orElse(null);
      if (document == null || !"completed".equals(document.get("status"))) {
        return Answer.json(404, Map.of("message", "Signed file not available"));
      }
      return new Answer(200, "application/pdf", signedPdf(signature.id()));
    }
    return Answer.json(405, Map.of("message", "method not allowed"));
  }

  public static byte[] signedPdf(String id) {
    return ("%PDF-1.4\n% signed by fake signaturit for " + id + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
  }

  private Answer create(Request request) {
    Map<String, MultipartParts.Part> form = MultipartParts.parse(request.header("Content-Type"), request.body());
    if (!form.containsKey("files[0]") || form.get("files[0]").content().length == 0) {
      throw new IllegalArgumentException("files is required");
    }
    if (!form.containsKey("recipients[0][email]")) {
      throw new IllegalArgumentException("recipients is required");
    }
    String id = UUID.randomUUID().toString();
    List<Map<String, Object>> documents = new ArrayList<>();
    for (int i = 0; form.containsKey("recipients[" + i + "][email]"); i++) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("id", UUID.randomUUID().toString());
      document.put("email", form.get("recipients[" + i + "][email]").text());
      document.put("name", form.get("recipients[" + i + "][name]").text());
      document.put("status", "ready");
      document.put("file", Map.of("name", form.get("files[0]").fileName()));
      documents.add(document);
    }
    String eventsUrl = form.containsKey("events_url") ? form.get("events_url").text() : null;
    signatures.put(id, new Signature(id, eventsUrl, form, documents));
    lastCreatedId = id;
    return Answer.json(200, view(signatures.get(id)));
  }

  private static Map<String, Object> view(Signature signature) {
    return Map.of("id", signature.id(), "created_at", "2026-11-22T10:00:00+0000", "documents", signature.documents());
  }

  /** Marks one recipient's document and posts the event to the signature's events_url. */
  public HttpResponse<String> event(String signatureId, int recipient, String type, String status) throws Exception {
    Signature signature = signatures.get(signatureId);
    Map<String, Object> document = signature.documents().get(recipient);
    if (status != null) {
      document.put("status", status);
    }
    return post(signature.eventsUrl(), Map.of("created_at", "2026-11-22T10:05:00+0000", "type", type, "document", document));
  }

  static HttpResponse<String> post(String url, Object body) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
