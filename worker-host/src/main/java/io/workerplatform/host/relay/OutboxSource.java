package io.workerplatform.host.relay;

import io.workerplatform.outbox.Outbox;
import io.workerplatform.outbox.OutboxTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Record;

/**
 * A capability's outbox as the relay and the API start it: its {@link OutboxTable} and how one of
 * its rows is started. Registered as a bean, one per outbox; the API starts a row it just stored
 * with {@link #startNow} and {@link #markStarted} after the commit, the relay whatever was left unstarted. Starting is
 * idempotent (the workflow id is the business key), so starting one twice is harmless.
 */
public final class OutboxSource implements UnstartedRows<Record> {
  /** Starts the workflow of a row (its id, organization and carried columns). */
  @FunctionalInterface
  public interface Starter {
    void start(Record row);
  }

  /**
   * How the sweeper restarts a row whose work is under way while its workflow no longer runs: its
   * workflow id, and a start that a closed run of that id does not refuse.
   */
  public record Restart(Function<Record, String> workflowId, Starter start) {}

  private final String what;
  private final String capability;
  private final OutboxTable table;
  private final Starter starter;
  private final Outbox outbox;
  private final Restart restart;

  /**
   * @param what what the rows are, for the log ({@code erasure(s)})
   * @param capability the {@code capability} tag of the relay's meter (its task queue)
   */
  public OutboxSource(String what, String capability, OutboxTable table, Starter starter, Outbox outbox) {
    this(what, capability, table, starter, outbox, null);
  }

  private OutboxSource(
      String what, String capability, OutboxTable table, Starter starter, Outbox outbox, Restart restart) {
    this.what = what;
    this.capability = capability;
    this.table = table;
    this.starter = starter;
    this.outbox = outbox;
    this.restart = restart;
  }

  /** The same source, whose stalled rows (its table's {@code underWay}) the sweeper restarts so. */
  public OutboxSource restartedBy(Restart how) {
    if (table.underWay() == null) {
      throw new IllegalArgumentException(what + ": its outbox table says no rows are under way (OutboxTable.sweeping)");
    }
    return new OutboxSource(what, capability, table, starter, outbox, how);
  }

  /** The sweeper's view of it; empty when it is not swept. */
  Optional<Restart> restart() {
    return Optional.ofNullable(restart);
  }

  /** Rows under way, stored at least {@code olderThan} ago, by id after {@code afterId}. */
  List<Record> underWay(Duration olderThan, String afterId, int limit) {
    return outbox.underWay(table, olderThan, afterId, limit);
  }

  @Override
  public String what() {
    return what;
  }

  @Override
  public String capability() {
    return capability;
  }

  @Override
  public List<Record> stored(Duration olderThan, int limit) {
    return outbox.unstarted(table, olderThan, limit);
  }

  @Override
  public String id(Record row) {
    return row.get(table.id());
  }

  /** Starts the row's workflow (a second start finds it) and marks the row started. */
  @Override
  public void start(Record row) {
    starter.start(row);
    outbox.markStarted(table, List.of(id(row)));
  }

  /**
   * Starts the row {@code id} now, after the commit that stored it (nothing if it is gone); the
   * caller marks it with {@link #markStarted}, so that a failed mark is not taken for a failed start.
   */
  public void startNow(String id) {
    outbox.find(table, id).ifPresent(starter::start);
  }

  /** Records that the row's workflow started. */
  public void markStarted(String id) {
    outbox.markStarted(table, List.of(id));
  }
}
