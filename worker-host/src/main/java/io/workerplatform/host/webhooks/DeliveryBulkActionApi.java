package io.workerplatform.host.webhooks;

import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.webhooks.DeliveryBulkActionStore;
import io.workerplatform.webhooks.DeliveryBulkActionWorkflow;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Actions on many deliveries of one subscription, each a workflow with progress: redeliver the
 * failed ones of a period at a bounded rate, cancel the waiting ones. Both answer 202 with the id
 * to poll at {@code GET /api/orgs/{orgId}/webhook-bulk-actions/{id}}.
 */
@RestController
class DeliveryBulkActionApi {
  record Period(String since, String until) {}

  private final WebhookRequests requests;

  DeliveryBulkActionApi(WebhookRequests requests) {
    this.requests = requests;
  }

  /** Body optional: {@code since} and {@code until} bound the deliveries' creation time. */
  @PostMapping("/api/orgs/{orgId}/webhook-subscriptions/{id}/redeliver-failed")
  ResponseEntity<DeliveryBulkActionStore.Action> redeliverFailed(
      @PathVariable String orgId, @PathVariable String id, @RequestBody(required = false) Period period) {
    Instant since = period == null ? null : Validation.instantOrNull("since", period.since());
    Instant until = period == null ? null : Validation.instantOrNull("until", period.until());
    if (since != null && until != null && !since.isBefore(until)) {
      throw new BadRequestException("until", "must be after since");
    }
    return accepted(orgId, requests.startBulkAction(orgId, id, DeliveryBulkActionWorkflow.REDELIVER_FAILED, since, until));
  }

  @PostMapping("/api/orgs/{orgId}/webhook-subscriptions/{id}/cancel-waiting")
  ResponseEntity<DeliveryBulkActionStore.Action> cancelWaiting(@PathVariable String orgId, @PathVariable String id) {
    return accepted(orgId, requests.startBulkAction(orgId, id, DeliveryBulkActionWorkflow.CANCEL_WAITING, null, null));
  }

  @GetMapping("/api/orgs/{orgId}/webhook-bulk-actions/{id}")
  DeliveryBulkActionStore.Action get(@PathVariable String orgId, @PathVariable String id) {
    return requests.bulkAction(orgId, id);
  }

  private static ResponseEntity<DeliveryBulkActionStore.Action> accepted(String orgId, DeliveryBulkActionStore.Action action) {
    return ResponseEntity.accepted()
        .location(URI.create("/api/orgs/" + orgId + "/webhook-bulk-actions/" + action.id()))
        .body(action);
  }
}
