package io.workerplatform.host.scheduling;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.Paging;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.scheduling.ScheduledActions;
import io.workerplatform.scheduling.ScheduledActions.ActionId;
import io.workerplatform.scheduling.ScheduledActions.ScheduledAction;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What is due later, each on a durable timer of its own (the old {@code scheduled-trigger}
 * worker's polling is gone): every registered kind (delayed events, scheduled bulk sends,
 * petitions' closing). Cancelling one is the same as cancelling it where it lives.
 */
@RestController
class ScheduledActionApi {
  private final ScheduledActions actions;
  private final OrganizationStore organizations;
  private final Map<String, ScheduledCancellation> cancellations;

  ScheduledActionApi(
      ScheduledActions actions, OrganizationStore organizations, List<ScheduledCancellation> cancellations) {
    this.actions = actions;
    this.organizations = organizations;
    this.cancellations =
        cancellations.stream().collect(Collectors.toUnmodifiableMap(ScheduledCancellation::kind, Function.identity()));
  }

  /** Soonest first: {@code {"items":[{"id","kind","entityId","dueAt"}],"nextCursor"}}. */
  @GetMapping("/api/orgs/{orgId}/scheduled-actions")
  Page<ScheduledAction> list(
      @PathVariable String orgId, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
    return actions.list(orgId, Paging.limit(limit), Paging.after(cursor));
  }

  /**
   * Cancels one as its capability does: an event as {@code DELETE /events/{id}} (204; 409 once it
   * is processing), a bulk send as its {@code cancel} (202: its workflow ends cancelled), a
   * petition's closing as clearing {@code closesAt} (204).
   */
  @DeleteMapping("/api/orgs/{orgId}/scheduled-actions/{id}")
  ResponseEntity<Void> cancel(@PathVariable String orgId, @PathVariable String id) {
    ActionId action = actions.parse(id)
        .filter(a -> actions.isScheduled(orgId, a) && cancellations.containsKey(a.kind()))
        .orElseThrow(() -> new NotFoundException("scheduled action", id));
    return switch (cancellations.get(action.kind()).cancelScheduled(orgId, action.entityId())) {
      case CANCELLED -> ResponseEntity.noContent().build();
      case CANCELLING -> ResponseEntity.accepted().build();
      case NOT_FOUND -> throw new NotFoundException("scheduled action", id);
    };
  }
}
