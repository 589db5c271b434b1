package io.workerplatform.host.events;

import io.workerplatform.common.ConflictException;
import io.workerplatform.events.DomainEventWorkflow;
import io.workerplatform.events.EventRetryWorkflow;
import io.workerplatform.events.EventWork;
import java.util.List;
import io.workerplatform.host.scheduling.ScheduledCancellation;
import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.events.EventHandlers;
import io.workerplatform.events.EventStore;
import io.workerplatform.events.EventStore.EventView;
import io.workerplatform.starters.EventProcessing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reading an event with its handlers' state, and cancelling a delayed one: what the REST API and
 * the scheduled actions both do, in one place.
 */
@Service
public class EventRequests implements ScheduledCancellation {
  private static final Logger log = LoggerFactory.getLogger(EventRequests.class);

  private final EventStore store;
  private final EventHandlers handlers;
  private final EventProcessing processing;

  EventRequests(EventStore store, EventHandlers handlers, EventProcessing processing) {
    this.store = store;
    this.handlers = handlers;
    this.processing = processing;
  }

  public EventView event(String orgId, String id) {
    return store.find(orgId, id, handlers::namesForType).orElseThrow(() -> new NotFoundException("event", id));
  }

  /** What a retry started: the failed handlers it runs again, and its workflow. */
  public record RetryStarted(String eventId, List<String> handlers, String workflowId) {}

  /**
   * Runs the event's failed handlers again (all, or {@code handler}): 202. 409 naming {@code
   * handler} when that one did not fail, naming {@code id} when none did or a retry of the event
   * is running.
   */
  public RetryStarted retry(String orgId, String id, String handler) {
    List<String> failed = event(orgId, id).handlers().stream()
        .filter(h -> DomainEventWorkflow.FAILED.equals(h.status()))
        .map(EventStore.HandlerView::name)
        .toList();
    if (handler != null && !failed.contains(handler)) {
      throw new ConflictException("handler", "handler " + handler + " of event " + id + " has not failed");
    }
    if (failed.isEmpty()) {
      throw new ConflictException("id", "event " + id + " has no failed handler");
    }
    if (!processing.retry(orgId, id, handler)) {
      throw new ConflictException("id", "a retry of event " + id + " is running");
    }
    return new RetryStarted(id, handler == null ? failed : List.of(handler), EventRetryWorkflow.workflowId(orgId, id));
  }

  /** Cancels a scheduled event; 409 ({@code ConflictException}) once it is processing or done. */
  public EventView cancel(String orgId, String id) {
    store.cancel(orgId, id);
    try {
      processing.cancelled(orgId, id);
    } catch (WorkflowServiceException e) {
      // The row decides: the workflow finds it cancelled when its timer fires.
      log.warn("Event {} is cancelled; its workflow will see it when it is due: {}", id, e.getClass().getSimpleName());
    }
    return event(orgId, id);
  }

  @Override
  public String kind() {
    return EventWork.SCHEDULED.kind();
  }

  @Override
  public Outcome cancelScheduled(String orgId, String entityId) {
    cancel(orgId, entityId);
    return Outcome.CANCELLED;
  }
}
