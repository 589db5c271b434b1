package io.workerplatform.host.gdpr;

import io.workerplatform.host.relay.OutboxSource;
import org.springframework.beans.factory.annotation.Qualifier;
import io.workerplatform.common.Page;
import io.workerplatform.host.work.WorkQueries;
import org.springframework.web.bind.annotation.RequestParam;
import io.workerplatform.gdpr.GdprWork;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.GoneException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.files.FileStorage;
import io.workerplatform.gdpr.DataExportWorkflow;
import io.workerplatform.members.MemberErasure;
import io.workerplatform.gdpr.ErasureResult;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.gdpr.ErasureStore;
import io.workerplatform.gdpr.ErasureStore.Erasure;
import io.workerplatform.gdpr.ErasureWorkflow;
import io.workerplatform.gdpr.ExportResult;
import io.workerplatform.gdpr.ExportStore;
import io.workerplatform.gdpr.ExportStore.Export;
import io.workerplatform.host.api.StartAfterCommit;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.workerplatform.host.api.Validation;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure of a contact and data exports: stored first, then started (the relay retries a start).
 * A member's erasure is one short transaction, answered when done.
 */
@RestController
class GdprApi {
  /** {@code start}, in the answer to a request only: {@code STARTED} or {@code WAITING_TO_START}. */
  record ErasureView(
      String contactId, String workflowId, String status, Map<String, Long> counts, String error,
      OffsetDateTime requestedAt, OffsetDateTime finishedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String start) {}

  record ExportRequest(String contactId, String memberId) {}

  /** {@code start}, in the answer to a request only: {@code STARTED} or {@code WAITING_TO_START}. */
  record ExportView(
      String id, String workflowId, String orgId, String contactId, String memberId, String status, Long sizeBytes,
      String sha256, String error, OffsetDateTime createdAt, OffsetDateTime completedAt,
      OffsetDateTime expiresAt, String downloadUrl, @JsonInclude(JsonInclude.Include.NON_NULL) String start) {}

  record MemberErased(String memberId, String status, Map<String, Long> counts) {}

  private final ErasureStore erasures;
  private final ExportStore exports;
  private final OutboxSource erasureOutbox;
  private final OutboxSource exportOutbox;
  private final FileStorage storage;
  private final MemberErasure memberErasure;

  private final WorkQueries work;

  GdprApi(
      ErasureStore erasures, ExportStore exports, @Qualifier("erasureOutbox") OutboxSource erasureOutbox,
      @Qualifier("exportOutbox") OutboxSource exportOutbox, FileStorage storage, MemberErasure memberErasure, WorkQueries work) {
    this.work = work;
    this.memberErasure = memberErasure;
    this.erasures = erasures;
    this.exports = exports;
    this.erasureOutbox = erasureOutbox;
    this.exportOutbox = exportOutbox;
    this.storage = storage;
  }

  /** Erases the member at once (deleted members too); erasing again answers zero counts. */
  @PostMapping("/api/orgs/{orgId}/members/{memberId}/erasure")
  MemberErased eraseMember(@PathVariable String orgId, @PathVariable String memberId) {
    return memberErasure.erase(orgId, memberId)
        .map(counts -> new MemberErased(memberId, ErasureResult.COMPLETED, counts))
        .orElseThrow(() -> new NotFoundException("member", memberId));
  }

  /** 202 with the workflow id; asking again while it runs finds it, after it ended runs it again. */
  @PostMapping("/api/orgs/{orgId}/contacts/{contactId}/erasure")
  ResponseEntity<ErasureView> erase(@PathVariable String orgId, @PathVariable String contactId) {
    Erasure erasure = erasures.request(orgId, contactId);
    String start = StartAfterCommit.start("Erasure of contact", contactId, () -> erasureOutbox.startNow(contactId),
        () -> erasureOutbox.markStarted(contactId));
    return ResponseEntity.accepted()
        .location(URI.create("/api/orgs/" + orgId + "/contacts/" + contactId + "/erasure"))
        .body(view(erasure, start));
  }

  @GetMapping("/api/orgs/{orgId}/contacts/{contactId}/erasure")
  ErasureView erasure(@PathVariable String orgId, @PathVariable String contactId) {
    return erasures.find(orgId, contactId)
        .map(GdprApi::view)
        .orElseThrow(() -> new NotFoundException("erasure", contactId));
  }

  /** An export of the organization, or of one contact ({@code {"contactId": "..."}}). */
  @PostMapping("/api/orgs/{orgId}/exports")
  ResponseEntity<ExportView> export(@PathVariable String orgId, @RequestBody(required = false) ExportRequest request) {
    String contactId =
        request == null || request.contactId() == null ? null : Validation.requireId("contactId", request.contactId());
    String memberId =
        request == null || request.memberId() == null ? null : Validation.requireId("memberId", request.memberId());
    if (contactId != null && memberId != null) {
      throw new BadRequestException("memberId", "an export covers one contact or one member, not both");
    }
    Export export = exports.create(orgId, contactId, memberId);
    String start = StartAfterCommit.start("Export", export.id(), () -> exportOutbox.startNow(export.id()),
        () -> exportOutbox.markStarted(export.id()));
    return ResponseEntity.accepted().location(URI.create(path(export))).body(view(export, start));
  }

  @GetMapping("/api/orgs/{orgId}/exports/{id}")
  ExportView export(@PathVariable String orgId, @PathVariable String id) {
    return view(find(orgId, id));
  }

  /** The ZIP, streamed from storage, once completed; 409 before, 410 once expired. */
  @GetMapping("/api/orgs/{orgId}/exports/{id}/download")
  ResponseEntity<Resource> download(@PathVariable String orgId, @PathVariable String id) throws IOException {
    Export export = find(orgId, id);
    if (ExportResult.EXPIRED.equals(export.status())) {
      throw new GoneException("export " + id + " expired at " + export.expiresAt() + "; request a new one");
    }
    if (!ExportResult.COMPLETED.equals(export.status())) {
      throw new ConflictException("status", "export " + id + " is " + export.status() + ", not COMPLETED");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header("Content-Disposition", ContentDisposition.attachment().filename(id + ".zip").build().toString())
        .contentLength(export.sizeBytes())
        .body(new InputStreamResource(storage.open(export.storageKey())));
  }

  private Export find(String orgId, String id) {
    return exports.find(orgId, id).orElseThrow(() -> new NotFoundException("export", id));
  }

  private static ErasureView view(Erasure e) {
    return view(e, null);
  }

  private static ErasureView view(Erasure e, String start) {
    return new ErasureView(
        e.contactId(), ErasureWorkflow.workflowId(e.contactId()), e.status(), e.counts(), e.error(),
        e.requestedAt(), e.finishedAt(), start);
  }

  private static ExportView view(Export e) {
    return view(e, null);
  }

  private static ExportView view(Export e, String start) {
    return new ExportView(
        e.id(), DataExportWorkflow.workflowId(e.id()), e.orgId(), e.contactId(), e.memberId(), e.status(), e.sizeBytes(),
        e.sha256(), e.error(), e.createdAt(), e.completedAt(), e.expiresAt(),
        ExportResult.COMPLETED.equals(e.status()) ? path(e) + "/download" : null, start);
  }

  private static String path(Export e) {
    return "/api/orgs/" + e.orgId() + "/exports/" + e.id();
  }

  /** The organization's exports: {@code ?status=&since=&until=&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/exports")
  Page<GdprWork.Export> exports(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.list(GdprWork.EXPORTS_KIND, orgId, status, since, until, limit, cursor);
  }

  /** The organization's erasures: {@code ?status=&since=&until=&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/erasures")
  Page<GdprWork.Erasure> erasures(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.list(GdprWork.ERASURES_KIND, orgId, status, since, until, limit, cursor);
  }
}
