package io.workerplatform.host.relay;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The relay's sweeper: work whose row says it is under way while its workflow no longer runs
 * (terminated from the Web UI or the CLI, timed out, failed) would stay so for good, and an event
 * would hold its ordering key. For every outbox that declares what is under way ({@code
 * OutboxTable.sweeping}) and how to restart it ({@link OutboxSource#restartedBy}), this starts such
 * work again (a new run of the same workflow id, which finds the work done so far). Runs every
 * {@code platform.relay.sweep-interval} (5 min) over rows under way for longer than {@code
 * platform.relay.sweep-after} (10 min), asking Temporal about each.
 */
@Component
public class StalledWorkSweeper {
  private static final Logger log = LoggerFactory.getLogger(StalledWorkSweeper.class);
  private static final int PAGE = 100;

  private final List<OutboxSource> sources;
  private final WorkflowClient client;
  private final Duration after;

  StalledWorkSweeper(
      List<OutboxSource> sources, WorkflowClient client,
      @Value("${platform.relay.sweep-after:${platform.events.sweep-after:10m}}") Duration after) {
    this.sources = sources.stream().filter(s -> s.restart().isPresent()).toList();
    this.client = client;
    this.after = after;
  }

  @Scheduled(
      fixedDelayString = "${platform.relay.sweep-interval:${platform.events.sweep-interval:5m}}",
      initialDelayString = "${platform.relay.sweep-interval:${platform.events.sweep-interval:5m}}")
  void scheduled() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("Sweeper: round ended early ({}); the next round goes on", e.getClass().getSimpleName());
    }
  }

  /** One round over every swept outbox; returns how many rows it started again. */
  public int sweep() {
    int restarted = 0;
    for (OutboxSource source : sources) {
      restarted += sweep(source, source.restart().orElseThrow());
    }
    return restarted;
  }

  private int sweep(OutboxSource source, OutboxSource.Restart restart) {
    int restarted = 0;
    String cursor = "";
    List<Record> page;
    do {
      page = source.underWay(after, cursor, PAGE);
      for (Record row : page) {
        cursor = source.id(row);
        String workflowId = restart.workflowId().apply(row);
        if (!running(workflowId)) {
          restart.start().start(row);
          restarted++;
          log.warn("Sweeper: {} {} was under way without a running workflow; started {} again",
              source.what(), cursor, workflowId);
        }
      }
    } while (page.size() == PAGE);
    return restarted;
  }

  private boolean running(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty()).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }
}
