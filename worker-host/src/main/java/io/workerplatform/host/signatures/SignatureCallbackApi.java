package io.workerplatform.host.signatures;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.signatures.DocuSignClient;
import io.workerplatform.signatures.CallbackTokens;
import io.workerplatform.signatures.DocuSignConnect;
import io.workerplatform.signatures.ProviderCallback;
import io.workerplatform.signatures.SignatureStore;
import io.workerplatform.signatures.SignatureStore.Request;
import io.workerplatform.signatures.SignaturitClient;
import io.workerplatform.signatures.SignaturitEvents;
import io.workerplatform.starters.Signatures;
import io.workerplatform.starters.Signatures.ProviderEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import java.util.function.Supplier;

/**
 * Provider callbacks: authenticated, parsed, recorded, then delivered to the request's workflow as
 * a signal. A callback that fails authentication (401), names no known request (404) or cannot be
 * read (400) writes and signals nothing.
 */
@RestController
class SignatureCallbackApi {
  private static final Logger log = LoggerFactory.getLogger(SignatureCallbackApi.class);

  record Received(boolean signalled) {}

  private final SignatureStore store;
  private final Signatures signatures;
  private final DocuSignConnect connect;
  private final CallbackTokens callbackTokens;
  private final JsonMapper json;

  SignatureCallbackApi(
      SignatureStore store, Signatures signatures, DocuSignConnect connect, CallbackTokens callbackTokens,
      JsonMapper json) {
    this.json = json;
    this.callbackTokens = callbackTokens;
    this.store = store;
    this.signatures = signatures;
    this.connect = connect;
  }

  @PostMapping("/callbacks/signaturit/{signatureRequestId}")
  ResponseEntity<?> signaturit(
      @PathVariable String signatureRequestId,
      @RequestParam(name = "token", required = false) String token,
      @RequestBody(required = false) byte[] body) {
    // An unknown request answers as a wrong token does: a caller learns nothing about which exist.
    Request request =
        store.find(signatureRequestId).filter(r -> r.provider().equals(SignaturitClient.NAME)).orElse(null);
    if (request == null || !callbackTokens.matches(request, token)) {
      return unauthorized("the callback token does not match a signature request");
    }
    ProviderCallback callback = parse(() -> SignaturitEvents.parse(json, body(body)));
    return deliver(request, callback, body(body));
  }

  @PostMapping("/callbacks/docusign")
  ResponseEntity<?> docusign(HttpServletRequest http, @RequestBody(required = false) byte[] body) {
    Function<String, String> header = http::getHeader;
    if (!connect.verify(body(body), header)) {
      return unauthorized("no X-DocuSign-Signature-N header matches a configured Connect HMAC key");
    }
    ProviderCallback callback = parse(() -> DocuSignConnect.parse(json, body(body)));
    Request request =
        store.findByProcess(DocuSignClient.NAME, callback.processId())
            .orElseThrow(() -> new NotFoundException("envelope", callback.processId()));
    return deliver(request, callback, body(body));
  }

  private ResponseEntity<Received> deliver(Request request, ProviderCallback callback, byte[] body) {
    String contactId =
        callback.signerRef() == null ? null : store.contactOf(request.id(), callback.signerRef()).orElse(null);
    // An event about a signer we cannot place is recorded, not signalled.
    boolean signerUnknown = callback.signerRef() != null && contactId == null && needsSigner(callback.signal());
    String signal = signerUnknown ? null : callback.signal();
    store.recordEvent(
        request.id(), request.provider(), callback.type(), contactId, signal, new String(body, StandardCharsets.UTF_8));
    if (signal == null) {
      return ResponseEntity.ok(new Received(false));
    }
    try {
      ProviderEvent event = ProviderEvent.valueOf(signal.toUpperCase(Locale.ROOT));
      boolean running = signatures.deliver(request.id(), event, contactId, callback.reason());
      if (!running) {
        log.info("Signature request {}: {} arrived after its workflow ended; recorded only", request.id(), signal);
      }
      return ResponseEntity.ok(new Received(running));
    } catch (WorkflowServiceException e) {
      // Recorded, not signalled: a non-2xx answer makes the provider deliver it again.
      throw new TemporalUnavailableException("Temporal is unreachable; deliver the callback again", Map.of("id", request.id()));
    }
  }

  private static boolean needsSigner(String signal) {
    return ProviderCallback.SIGNED.equals(signal);
  }

  private static ProviderCallback parse(Supplier<ProviderCallback> parser) {
    try {
      return parser.get();
    } catch (ProviderCallback.MalformedCallback e) {
      String message = e.getMessage();
      String field = message.endsWith(" is required") ? message.substring(0, message.length() - " is required".length()) : "body";
      throw new BadRequestException(field, message.startsWith(field) ? message.substring(field.length()).strip() : message);
    }
  }

  private static byte[] body(byte[] body) {
    return body == null ? new byte[0] : body;
  }

  private static ResponseEntity<ProblemDetail> unauthorized(String detail) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail));
  }
}
