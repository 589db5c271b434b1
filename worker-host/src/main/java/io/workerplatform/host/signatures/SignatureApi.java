package io.workerplatform.host.signatures;

import io.workerplatform.common.Page;
import io.workerplatform.host.signatures.SignatureRequests.CreateSignatureRequest;
import io.workerplatform.host.signatures.SignatureRequests.SignatureRequestCreated;
import io.workerplatform.host.signatures.SignatureRequests.SignatureRequestView;
import io.workerplatform.host.work.WorkQueries;
import io.workerplatform.signatures.SignatureWork;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Signature requests over HTTP: the mapping of {@link SignatureRequests}. */
@RestController
class SignatureApi {
  private final SignatureRequests requests;
  private final WorkQueries work;

  SignatureApi(SignatureRequests requests, WorkQueries work) {
    this.requests = requests;
    this.work = work;
  }

  /** 202 with the id; {@code start} says whether its workflow started or the relay will start it. */
  @PostMapping("/api/orgs/{orgId}/signature-requests")
  ResponseEntity<SignatureRequestCreated> create(@PathVariable String orgId, @RequestBody CreateSignatureRequest body) {
    return ResponseEntity.accepted().body(requests.create(orgId, body));
  }

  /** Live state from the running workflow; the stored one once it ended or when Temporal is down. */
  @GetMapping("/api/orgs/{orgId}/signature-requests/{id}")
  SignatureRequestView get(@PathVariable String orgId, @PathVariable String id) {
    return requests.view(orgId, id);
  }

  @PostMapping("/api/orgs/{orgId}/signature-requests/{id}/cancel")
  ResponseEntity<Void> cancel(@PathVariable String orgId, @PathVariable String id) {
    requests.cancel(orgId, id);
    return ResponseEntity.accepted().build();
  }

  /** At most one reminder per {@code platform.signatures.min-reminder-interval} (429 before). */
  @PostMapping("/api/orgs/{orgId}/signature-requests/{id}/remind")
  ResponseEntity<Void> remind(@PathVariable String orgId, @PathVariable String id) {
    requests.remind(orgId, id);
    return ResponseEntity.accepted().build();
  }

  @GetMapping("/api/orgs/{orgId}/signature-requests/{id}/signed-document")
  ResponseEntity<Resource> signedDocument(@PathVariable String orgId, @PathVariable String id) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"signed-" + id + ".pdf\"")
        .body(new InputStreamResource(requests.signedDocument(orgId, id)));
  }

  /** The organization's signature requests: {@code ?status=&since=&until=&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/signature-requests")
  Page<SignatureWork.SignatureRequest> list(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.list(SignatureWork.KIND, orgId, status, since, until, limit, cursor);
  }
}
