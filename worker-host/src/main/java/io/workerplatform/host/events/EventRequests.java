package io.workerplatform.host.events;

import io.workerplatform.events.EventWork;
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
