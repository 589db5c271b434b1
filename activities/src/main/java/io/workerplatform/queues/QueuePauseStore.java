package io.workerplatform.queues;

import static io.workerplatform.db.Tables.TASK_QUEUE_PAUSES;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** Which task queues the operator paused, and since when: read by every host. */
public class QueuePauseStore {
  private final DSLContext dsl;
  private final Clock clock;

  public QueuePauseStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Pauses the queue (a second pause keeps the first time); returns since when it is paused. */
  public Instant pause(String name) {
    dsl.insertInto(TASK_QUEUE_PAUSES)
        .set(TASK_QUEUE_PAUSES.NAME, name)
        .set(TASK_QUEUE_PAUSES.PAUSED_AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .onConflictDoNothing()
        .execute();
    return pausedSince(name).orElseThrow();
  }

  /** Resumes the queue; false when it was not paused. */
  public boolean resume(String name) {
    return dsl.deleteFrom(TASK_QUEUE_PAUSES).where(TASK_QUEUE_PAUSES.NAME.eq(name)).execute() == 1;
  }

  public Optional<Instant> pausedSince(String name) {
    return dsl.select(TASK_QUEUE_PAUSES.PAUSED_AT).from(TASK_QUEUE_PAUSES).where(TASK_QUEUE_PAUSES.NAME.eq(name))
        .fetchOptional(r -> r.value1().toInstant());
  }

  /** Every paused queue with since when. */
  public Map<String, Instant> paused() {
    return dsl.selectFrom(TASK_QUEUE_PAUSES)
        .fetchMap(TASK_QUEUE_PAUSES.NAME, r -> r.getPausedAt().toInstant());
  }
}
