package io.workerplatform.signatures;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signaturit API v3: a signature request holds one document per signer; events go to the {@code
 * events_url} given at creation, which carries the request's callback token.
 */
public class SignaturitClient implements SignatureProvider {
  public static final String NAME = "signaturit";

  private final String baseUrl;
  private final String token;
  private final ProviderHttp http;
  private final JsonMapper json;

  /** {@code baseUrl}: {@code https://api.signaturit.com} or {@code https://api.sandbox.signaturit.com}. */
  public SignaturitClient(URI baseUrl, String token, Duration timeout, JsonMapper json) {
    this.json = json;
    this.baseUrl = ProviderHttp.withoutTrailingSlash(baseUrl);
    this.token = token;
    this.http = new ProviderHttp(NAME, timeout);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Where Signaturit posts the events of one request. */
  public static String callbackUrl(String baseUrl, String signatureRequestId, String token) {
    return baseUrl + "/callbacks/signaturit/" + signatureRequestId + "?token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  @Override
  public CreatedProcess create(NewProcess process) {
    MultipartForm form = new MultipartForm();
    Document document = process.document();
    form.file("files[0]", document.name(), document.contentType(), document.content());
    for (int i = 0; i < process.signers().size(); i++) {
      Recipient signer = process.signers().get(i);
      form.field("recipients[" + i + "][name]", signer.name());
      form.field("recipients[" + i + "][email]", signer.email());
    }
    form.field("subject", process.title())
        .field("delivery_type", "email")
        .field("expire_time", Integer.toString(process.expiresInDays()))
        .field(
            "events_url",
            callbackUrl(
                process.callbackBaseUrl(), process.signatureRequestId(), process.callbackToken()))
        .field("data[signature_request_id]", process.signatureRequestId());
    byte[] answer =
        http.send(
            "create",
            request("/v3/signatures.json")
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
                .build());
    JsonNode signature = read("create", answer);
    return new CreatedProcess(
        text(signature, "id", "create"), documentIds(signature, process.signers()));
  }

  /** One document per recipient: matched by address, as Signaturit echoes it back. */
  private static List<String> documentIds(JsonNode signature, List<Recipient> signers) {
    List<String> ids = new ArrayList<>();
    for (Recipient signer : signers) {
      String id = null;
      for (JsonNode document : signature.path("documents")) {
        if (signer.email().equalsIgnoreCase(document.path("email").asString())) {
          id = document.path("id").asString(null);
        }
      }
      if (id == null) {
        throw new ProviderException(NAME + " create: no document for a signer", false, null);
      }
      ids.add(id);
    }
    return ids;
  }

  @Override
  public void remind(ProcessRef process) {
    http.send(
        "remind",
        request("/v3/signatures/" + process.processId() + "/reminder.json")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  @Override
  public void cancel(ProcessRef process) {
    http.send(
        "cancel",
        request("/v3/signatures/" + process.processId() + "/cancel.json")
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  @Override
  public String state(ProcessRef process) {
    JsonNode signature =
        read(
            "status",
            http.send(
                "status", request("/v3/signatures/" + process.processId() + ".json").GET().build()));
    List<String> states = new ArrayList<>();
    signature.path("documents").forEach(d -> states.add(d.path("status").asString("")));
    if (states.contains("declined")) {
      return SignatureWorkflow.DECLINED;
    }
    if (states.contains("canceled")) {
      return SignatureWorkflow.CANCELLED;
    }
    if (states.contains("expired")) {
      return SignatureWorkflow.EXPIRED;
    }
    if (states.contains("error")) {
      return SignatureWorkflow.FAILED;
    }
    if (!states.isEmpty() && states.stream().allMatch("completed"::equals)) {
      return SignatureWorkflow.COMPLETED;
    }
    return SignatureWorkflow.AWAITING_SIGNATURES;
  }

  /** Every signer signs the same file: the last signer's copy carries all signatures. */
  @Override
  public byte[] downloadSigned(ProcessRef process) {
    String document = process.signerRefs().get(process.signerRefs().size() - 1);
    return http.send(
        "download",
        request(
                "/v3/signatures/" + process.processId() + "/documents/" + document
                    + "/download/signed")
            .GET()
            .build());
  }

  private HttpRequest.Builder request(String path) {
    return http.request(URI.create(baseUrl + path), "Bearer " + token);
  }

  private JsonNode read(String operation, byte[] answer) {
    try {
      return json.readTree(answer);
    } catch (JacksonException e) {
      throw new ProviderException(NAME + " " + operation + ": unreadable answer", false, e);
    }
  }

  private static String text(JsonNode node, String field, String operation) {
    String value = node.path(field).asString(null);
    if (value == null || value.isBlank()) {
      throw new ProviderException(NAME + " " + operation + ": answer without " + field, false, null);
    }
    return value;
  }
}
