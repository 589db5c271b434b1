package io.workerplatform.host.work;

import io.workerplatform.common.Page;
import io.workerplatform.work.WorkViews;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The work views over HTTP: per kind of work, an organization's rows by status and creation time
 * ({@code ?status=&since=&until=&limit=&cursor=}), and the counts by status, per organization or
 * (admin) across them.
 */
@RestController
class WorkApi {
  private final WorkQueries work;

  WorkApi(WorkQueries work) {
    this.work = work;
  }

  /** Also by type: {@code ?type=petition.completed}. */
  @GetMapping("/api/orgs/{orgId}/events")
  Page<WorkViews.Event> events(
      @PathVariable String orgId, @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.events(orgId, type, status, since, until, limit, cursor);
  }

  @GetMapping("/api/orgs/{orgId}/webhook-deliveries")
  Page<WorkViews.Delivery> deliveries(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.deliveries(orgId, status, since, until, limit, cursor);
  }

  @GetMapping("/api/orgs/{orgId}/bulk-sends")
  Page<WorkViews.BulkSend> bulkSends(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.bulkSends(orgId, status, since, until, limit, cursor);
  }

  @GetMapping("/api/orgs/{orgId}/signature-requests")
  Page<WorkViews.SignatureRequest> signatureRequests(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.signatureRequests(orgId, status, since, until, limit, cursor);
  }

  @GetMapping("/api/orgs/{orgId}/exports")
  Page<WorkViews.Export> exports(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.exports(orgId, status, since, until, limit, cursor);
  }

  @GetMapping("/api/orgs/{orgId}/erasures")
  Page<WorkViews.Erasure> erasures(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.erasures(orgId, status, since, until, limit, cursor);
  }

  /** Counts by status of every kind of work of the organization; every known status is present. */
  @GetMapping("/api/orgs/{orgId}/stats")
  Map<String, Map<String, Long>> stats(@PathVariable String orgId) {
    return work.stats(orgId);
  }

  /** Admin only (the security rules): the same counts across every organization. */
  @GetMapping("/api/stats")
  Map<String, Map<String, Long>> allStats() {
    return work.allStats();
  }
}
