package io.workerplatform.host.webhooks;

import io.workerplatform.common.Page;
import io.workerplatform.host.work.WorkQueries;
import org.springframework.web.bind.annotation.RequestParam;
import io.workerplatform.webhooks.DeliveryWork;
import io.workerplatform.webhooks.DeliveryView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** One webhook delivery: its attempts, and a redelivery now (202; 409 once delivered or cancelled). */
@RestController
class WebhookApi {
  private final WebhookRequests requests;

  private final WorkQueries work;

  WebhookApi(WebhookRequests requests, WorkQueries work) {
    this.work = work;
    this.requests = requests;
  }

  @GetMapping("/api/orgs/{orgId}/webhook-deliveries/{id}")
  DeliveryView delivery(@PathVariable String orgId, @PathVariable String id) {
    return requests.delivery(orgId, id);
  }

  @PostMapping("/api/orgs/{orgId}/webhook-deliveries/{id}/redeliver")
  ResponseEntity<Void> redeliver(@PathVariable String orgId, @PathVariable String id) {
    requests.redeliver(orgId, id);
    return ResponseEntity.accepted().build();
  }

  /** The organization's deliveries: {@code ?status=&since=&until=&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/webhook-deliveries")
  Page<DeliveryWork.Delivery> deliveries(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.list(DeliveryWork.KIND, orgId, status, since, until, limit, cursor);
  }
}
