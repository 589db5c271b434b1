package io.workerplatform.host.scheduling;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.bulksend.BulkSendRequests;
import io.workerplatform.host.events.EventRequests;
import io.workerplatform.host.petitions.PetitionClosings;
import io.workerplatform.org.OrganizationStore;
import io.workerplatform.scheduling.ScheduledActions;
import io.workerplatform.scheduling.ScheduledActions.ActionId;
import io.workerplatform.scheduling.ScheduledActions.ScheduledAction;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What is due later, each on a durable timer of its own (the old {@code scheduled-trigger}
 * worker's polling is gone): delayed events, scheduled bulk sends, petitions' closing. Cancelling
 * one is the same as cancelling it where it lives.
 */
@RestController
class ScheduledActionApi {
  private final ScheduledActions actions;
  private final OrganizationStore organizations;
  private final EventRequests events;
  private final BulkSendRequests bulkSends;
  private final PetitionClosings closings;

  ScheduledActionApi(
      ScheduledActions actions, OrganizationStore organizations, EventRequests events, BulkSendRequests bulkSends,
      PetitionClosings closings) {
    this.actions = actions;
    this.organizations = organizations;
    this.events = events;
    this.bulkSends = bulkSends;
    this.closings = closings;
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
   * Cancels one: an event as {@code DELETE /events/{id}} does (204; 409 once it is processing), a
   * bulk send as its {@code cancel} (202: its workflow ends cancelled), a petition's closing as
   * clearing {@code closesAt} (204).
   */
  @DeleteMapping("/api/orgs/{orgId}/scheduled-actions/{id}")
  ResponseEntity<Void> cancel(@PathVariable String orgId, @PathVariable String id) {
    ActionId action = ActionId.parse(id)
        .filter(a -> actions.isScheduled(orgId, a))
        .orElseThrow(() -> new NotFoundException("scheduled action", id));
    return switch (action.kind()) {
      case ScheduledActions.EVENT -> {
        events.cancel(orgId, action.entityId());
        yield ResponseEntity.noContent().build();
      }
      case ScheduledActions.BULK_SEND -> {
        bulkSends.cancel(orgId, action.entityId());
        yield ResponseEntity.accepted().build();
      }
      default -> {
        if (!closings.cancel(orgId, action.entityId())) {
          throw new NotFoundException("scheduled action", id);
        }
        yield ResponseEntity.noContent().build();
      }
    };
  }
}
