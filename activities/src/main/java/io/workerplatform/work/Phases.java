package io.workerplatform.work;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.Field;

/**
 * How a kind's statuses read in the queue stats: which ones are work waiting, work running, work
 * that completed and work that failed, and the column that says when a row ended (the windows of
 * the last hour and day count rows by it; a row with no such time counts by its creation). A status
 * in none of them (cancelled, say) is in the counts by status only.
 */
public record Phases(
    Field<OffsetDateTime> endedAt, List<String> waiting, List<String> running, List<String> completed,
    List<String> failed) {

  /** The stats' keys beside the counts by status. */
  public static final List<String> KEYS =
      List.of("waiting", "running", "completedLastHour", "completedLastDay", "failedLastHour", "failedLastDay");

  public Phases {
    waiting = List.copyOf(waiting);
    running = List.copyOf(running);
    completed = List.copyOf(completed);
    failed = List.copyOf(failed);
  }

  /** Every status a phase names, for the check that the kind knows them all. */
  Set<String> named() {
    return Set.copyOf(Stream.of(waiting, running, completed, failed).flatMap(List::stream).toList());
  }
}
