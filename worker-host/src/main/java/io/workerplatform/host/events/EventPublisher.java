package io.workerplatform.host.events;

import io.workerplatform.events.EventStore;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.EventStore.StoredEvent;
import io.workerplatform.events.ChangePublisher;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.host.api.StartAfterCommit;
import io.workerplatform.starters.EventProcessing;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * Publishing is two steps that cannot share a transaction: store the event (PostgreSQL), then
 * start its workflow (Temporal). An event is marked started only once Temporal accepted it (in
 * batches, see {@link StartedMarks}), so whatever a failure leaves behind is found again by
 * publishing the same event id, or by the relay.
 */
@Service
class EventPublisher implements PlatformEvents, ChangePublisher {
  private final EventStore store;
  private final EventProcessing processing;
  private final StartedMarks startedMarks;
  private final EventsProperties properties;
  private final DSLContext dsl;

  EventPublisher(
      EventStore store, EventProcessing processing, StartedMarks startedMarks, EventsProperties properties,
      DSLContext dsl) {
    this.dsl = dsl;
    this.store = store;
    this.processing = processing;
    this.startedMarks = startedMarks;
    this.properties = properties;
  }

  /**
   * Stores the event (once) and starts its processing unless it was started before.
   *
   * @throws io.temporal.client.WorkflowServiceException when Temporal is unreachable; the event
   *     is stored by then
   */
  StoredEvent publishEvent(NewEvent event) {
    StoredEvent stored = store.store(event);
    if (!stored.started()) {
      processing.start(stored.orgId(), stored.eventId(), stored.id(), stored.type(), properties.lowPriority(stored.type()));
      startedMarks.add(stored.id());
    }
    return stored;
  }

  /** An event stored, and whether its processing started ({@link StartAfterCommit}'s values). */
  record Published(StoredEvent stored, String start) {}

  /**
   * For the API: stores the event (once) and starts its processing unless it was started before.
   * Once stored, nothing fails the answer: what did not start is the relay's.
   */
  Published publishStored(NewEvent event) {
    StoredEvent stored = store.store(event);
    return new Published(stored, stored.started() ? StartAfterCommit.STARTED : startStored(stored));
  }

  private String startStored(StoredEvent stored) {
    return StartAfterCommit.start(
        "Event", stored.eventId(),
        () -> processing.start(
            stored.orgId(), stored.eventId(), stored.id(), stored.type(), properties.lowPriority(stored.type())),
        () -> startedMarks.add(stored.id()));
  }

  @Override
  public <T> T publishWith(Function<DSLContext, Change<T>> change) {
    record Done<T>(T result, StoredEvent stored) {}
    Done<T> done = dsl.transactionResult(tx -> {
      Change<T> made = change.apply(tx.dsl());
      return new Done<>(made.result(), made.event() == null ? null : store.in(tx.dsl()).store(made.event()));
    });
    StoredEvent stored = done.stored();
    if (stored != null && !stored.started()) {
      startStored(stored);
    }
    return done.result();
  }

  /** For activities that publish (signature outcomes): the same, without the answer. */
  @Override
  public void publish(NewEvent event) {
    publishEvent(event);
  }
}
