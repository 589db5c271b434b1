package io.workerplatform.host.events;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.workerplatform.events.DomainEventWorkflow;
import io.workerplatform.events.EventStore;
import io.workerplatform.events.EventStore.EventRef;
import io.workerplatform.starters.EventProcessing;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The relay's sweeper for events: one whose row says {@code PROCESSING} while its workflow no
 * longer runs (terminated from the Web UI or the CLI, timed out, failed) would hold its ordering
 * key for good; this starts its processing again (a new run of the same workflow id), which finds
 * the handlers' earlier work done. Runs every {@code platform.events.sweep-interval} (5 min) over
 * events under way for longer than {@code platform.events.sweep-after} (10 min), asking Temporal
 * about each.
 */
@Component
class StalledEventSweeper {
  private static final Logger log = LoggerFactory.getLogger(StalledEventSweeper.class);
  private static final int PAGE = 100;

  private final EventStore store;
  private final EventProcessing processing;
  private final WorkflowClient client;
  private final EventsProperties properties;
  private final Clock clock;
  private final Duration after;

  StalledEventSweeper(
      EventStore store, EventProcessing processing, WorkflowClient client, EventsProperties properties, Clock clock,
      @Value("${platform.events.sweep-after:10m}") Duration after) {
    this.store = store;
    this.processing = processing;
    this.client = client;
    this.properties = properties;
    this.clock = clock;
    this.after = after;
  }

  @Scheduled(
      fixedDelayString = "${platform.events.sweep-interval:5m}",
      initialDelayString = "${platform.events.sweep-interval:5m}")
  void scheduled() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("Event sweeper: round ended early ({}); the next round goes on", e.getClass().getSimpleName());
    }
  }

  /** One round over every event under way long enough; returns how many it started again. */
  int sweep() {
    OffsetDateTime before = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(after);
    int restarted = 0;
    String cursor = "";
    List<EventRef> page;
    do {
      page = store.underWay(before, cursor, PAGE);
      for (EventRef event : page) {
        cursor = event.id();
        if (!running(event)
            && processing.restart(event.orgId(), event.eventId(), event.id(), event.type(), properties.lowPriority(event.type()))) {
          restarted++;
          log.warn("Event sweeper: event {} of organization {} was under way without a running workflow; started it again",
              event.eventId(), event.orgId());
        }
      }
    } while (page.size() == PAGE);
    return restarted;
  }

  private boolean running(EventRef event) {
    try {
      return client.newUntypedWorkflowStub(
                  DomainEventWorkflow.workflowId(event.orgId(), event.eventId()), Optional.empty(), Optional.empty())
              .describe()
              .getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }
}
