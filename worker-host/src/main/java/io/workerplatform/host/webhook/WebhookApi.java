package io.workerplatform.host.webhook;

import io.workerplatform.webhook.DeliveryView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** One webhook delivery: its attempts, and a redelivery now (202; 409 once delivered or cancelled). */
@RestController
class WebhookApi {
  private final WebhookRequests requests;

  WebhookApi(WebhookRequests requests) {
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
}
