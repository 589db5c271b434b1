package io.workerplatform.starters;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a row written in the caller's transaction starts its workflow: after the commit (never for a
 * rolled-back row), or at once outside a transaction; the row then notes it started. A start that
 * fails is only logged: the host's outbox relay starts what was left unstarted.
 */
final class OutboxStart {
  private OutboxStart() {}

  /**
   * Starts the workflow of the row {@code id} of {@code table} after the caller's commit, and marks
   * the row started; {@code what} names it in the log line of a failed start ("Event evt-1").
   */
  static void afterCommit(JdbcClient jdbc, String table, String id, Runnable start, Logger log, String what) {
    Runnable startAndMark = () -> {
      try {
        start.run();
        jdbc.sql("update " + table + " set workflow_started_at = :now where id = :id and workflow_started_at is null")
            .param("now", OffsetDateTime.now(ZoneOffset.UTC))
            .param("id", id)
            .update();
      } catch (RuntimeException e) {
        log.warn("{} is stored; its workflow did not start ({}): the relay will start it", what, e.getClass().getSimpleName());
      }
    };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          startAndMark.run();
        }
      });
    } else {
      startAndMark.run();
    }
  }
}
