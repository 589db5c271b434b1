package io.workerplatform.host.webhooks;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.starters.WebhookDeliveries;
import io.workerplatform.webhooks.AddressGuard;
import io.workerplatform.webhooks.DeliveryRef;
import io.workerplatform.webhooks.Subscription;
import io.workerplatform.webhooks.SubscriptionStore;
import io.workerplatform.webhooks.SubscriptionStore.View;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An organization's webhook subscriptions: create, list, read, change, delete, rotate the secret. */
@RestController
public class WebhookSubscriptionApi {
  static final int MAX_EVENT_TYPES = 100;
  record CreateSubscription(String url, List<String> eventTypes) {}

  record SubscriptionCreated(String id, String secret) {}

  record ChangeSubscription(String url, List<String> eventTypes, Boolean enabled) {}

  record SecretRotated(String secret) {}

  private final SubscriptionStore subscriptions;
  private final WebhookDeliveries deliveries;
  private final WebhookProperties properties;

  WebhookSubscriptionApi(SubscriptionStore subscriptions, WebhookDeliveries deliveries, WebhookProperties properties) {
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.properties = properties;
  }

  /** 201 with the signing secret: the only time it is shown. */
  @PostMapping("/api/orgs/{orgId}/webhook-subscriptions")
  ResponseEntity<SubscriptionCreated> subscribe(@PathVariable String orgId, @RequestBody CreateSubscription request) {
    String url = requireUrl(request.url());
    List<String> eventTypes = requireEventTypes(request.eventTypes());
    Subscription subscription = subscriptions.create(orgId, url, eventTypes);
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/webhook-subscriptions/" + subscription.id()))
        .body(new SubscriptionCreated(subscription.id(), subscription.secret()));
  }

  @GetMapping("/api/orgs/{orgId}/webhook-subscriptions")
  Page<View> list(
      @PathVariable String orgId,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return subscriptions.list(orgId, Paging.limit(limit), Paging.after(cursor));
  }

  @GetMapping("/api/orgs/{orgId}/webhook-subscriptions/{id}")
  View get(@PathVariable String orgId, @PathVariable String id) {
    return subscriptions.find(orgId, id).orElseThrow(() -> notFound(id));
  }

  /** Any of url, eventTypes and enabled; enabling again also forgets the failures that disabled it. */
  @PatchMapping("/api/orgs/{orgId}/webhook-subscriptions/{id}")
  View change(@PathVariable String orgId, @PathVariable String id, @RequestBody ChangeSubscription request) {
    get(orgId, id); // another organization's subscription is unknown here, whatever the body says
    if (request.url() == null && request.eventTypes() == null && request.enabled() == null) {
      throw new BadRequestException("url", "give at least one of url, eventTypes and enabled");
    }
    SubscriptionStore.Change change =
        new SubscriptionStore.Change(
            request.url() == null ? null : requireUrl(request.url()),
            request.eventTypes() == null ? null : requireEventTypes(request.eventTypes()),
            request.enabled());
    return subscriptions.update(orgId, id, change).orElseThrow(() -> notFound(id));
  }

  /**
   * Deletes it: gone from lists, no new deliveries, and its deliveries under way end CANCELLED
   * (a waiting one at once; one in the middle of an attempt after it, without sending again).
   */
  @DeleteMapping("/api/orgs/{orgId}/webhook-subscriptions/{id}")
  ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String id) {
    List<DeliveryRef> open = subscriptions.delete(orgId, id).orElseThrow(() -> notFound(id));
    try {
      // A delivery whose workflow never started is cancelled by its first attempt instead.
      open.stream().filter(DeliveryRef::started).forEach(d -> deliveries.cancel(d.deliveryId()));
    } catch (WorkflowServiceException e) {
      // The subscription is deleted already: the next attempt of each delivery cancels it.
      throw new TemporalUnavailableException(
          "The subscription is deleted; Temporal is unreachable, so its waiting deliveries end"
              + " CANCELLED at their next attempt instead of now", Map.of("id", id));
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * A new signing secret. For {@code platform.webhooks.secret-rotation-overlap} (24 h) requests
   * carry two signatures, with the new and the previous secret; then only the new one.
   */
  @PostMapping("/api/orgs/{orgId}/webhook-subscriptions/{id}/rotate-secret")
  SecretRotated rotateSecret(@PathVariable String orgId, @PathVariable String id) {
    return new SecretRotated(
        subscriptions.rotateSecret(orgId, id, properties.secretRotationOverlap()).orElseThrow(() -> notFound(id)));
  }

  private String requireUrl(String value) {
    String url = Validation.requireText("url", value, Validation.MAX_URL_LENGTH);
    AddressGuard.syntaxProblem(url).ifPresent(problem -> {
      throw new BadRequestException("url", problem);
    });
    try {
      AddressGuard.of(properties.settings())
          .refusal(URI.create(url))
          .ifPresent(refusal -> {
            throw new BadRequestException("url", refusal);
          });
    } catch (UnknownHostException e) {
      throw new BadRequestException("url", "host " + URI.create(url).getHost() + " does not resolve");
    }
    return url;
  }

  private static List<String> requireEventTypes(List<String> value) {
    List<String> eventTypes = Validation.requireList("eventTypes", value, "event type", MAX_EVENT_TYPES);
    for (int i = 0; i < eventTypes.size(); i++) {
      Validation.requireEventType("eventTypes[" + i + "]", eventTypes.get(i));
    }
    return eventTypes;
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("webhook subscription", id);
  }
}
