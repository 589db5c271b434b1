package io.workerplatform.host.relay;

import io.workerplatform.common.PlatformMetrics;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox relay between PostgreSQL and Temporal: periodically starts what was stored while
 * Temporal was unreachable. It bridges the two, so it cannot itself be a Temporal workflow.
 *
 * <p>Each row is started on its own: one that fails (bad data, a database error, a refused start)
 * is logged as what it is and skipped for the rest of the round, and the others go on. Only
 * Temporal being unreachable ends the round early, since nothing else could start either.
 */
@Component
public class StartRelay {
  private static final Logger log = LoggerFactory.getLogger(StartRelay.class);
  static final int BATCH = 100;
  /** Rows of one source that may fail in one round before the round gives that source up. */
  static final int MAX_FAILED_PER_ROUND = 1_000;

  private final List<UnstartedRows<?>> sources;
  private final RelayProperties properties;
  private final PlatformMetrics metrics;

  StartRelay(List<UnstartedRows<?>> sources, RelayProperties properties, PlatformMetrics metrics) {
    this.sources = sources;
    this.properties = properties;
    this.metrics = metrics;
  }

  @Scheduled(
      fixedDelayString = "${platform.relay.interval:30s}",
      initialDelayString = "${platform.relay.interval:30s}")
  public void relay() {
    for (UnstartedRows<?> source : sources) {
      try {
        relay(source);
      } catch (WorkflowServiceException e) {
        if (isUnreachable(e)) {
          log.warn("Relay: Temporal still unreachable, will retry: {}", e.getMessage());
          return;
        }
        throw e; // relay(source) handles every other failure row by row
      } catch (RuntimeException e) {
        // Listing the rows failed (the database): the other sources may still work.
        log.error("Relay: could not list unstarted {}: {}", source.what(), e.toString(), e);
      }
    }
  }

  private <T> void relay(UnstartedRows<T> source) {
    Set<String> failed = new HashSet<>();
    int started = 0;
    while (failed.size() < MAX_FAILED_PER_ROUND) {
      int asked = BATCH + failed.size();
      List<T> rows = source.stored(properties.grace(), asked);
      List<T> fresh = rows.stream().filter(row -> !failed.contains(source.id(row))).toList();
      for (T row : fresh) {
        try {
          source.start(row);
          started++;
          metrics.relayStart(source.capability(), "STARTED");
        } catch (WorkflowServiceException e) {
          if (isUnreachable(e)) {
            logStarted(source, started);
            throw e;
          }
          failed.add(source.id(row));
          metrics.relayStart(source.capability(), "FAILED");
          log.error("Relay: Temporal refused to start {} {}: {}", source.what(), source.id(row), e.toString(), e);
        } catch (RuntimeException e) {
          failed.add(source.id(row));
          metrics.relayStart(source.capability(), "FAILED");
          log.error("Relay: could not start {} {}: {}", source.what(), source.id(row), e.toString(), e);
        }
      }
      if (fresh.isEmpty() || rows.size() < asked) {
        break;
      }
    }
    logStarted(source, started);
  }

  private static void logStarted(UnstartedRows<?> source, int started) {
    if (started > 0) {
      log.info("Relay: started {} {} left unstarted", started, source.what());
    }
  }

  /** Temporal could not be reached (as opposed to answering with an error). */
  static boolean isUnreachable(WorkflowServiceException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException status) {
        Status.Code code = status.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
      }
    }
    return false;
  }
}
