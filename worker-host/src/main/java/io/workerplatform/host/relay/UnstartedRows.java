package io.workerplatform.host.relay;

import java.time.Duration;
import java.util.List;

/**
 * Work stored in PostgreSQL whose workflow may not have started: the API stores first and starts
 * second, and Temporal may have been unreachable in between. Starting is idempotent (the workflow
 * id is the business key), so starting one twice is harmless. The relay finds such rows and starts
 * them one by one.
 */
public interface UnstartedRows<T> {
  /** What these are, for the log. */
  String what();

  /** The capability the rows belong to: the {@code capability} tag of the relay's meter. */
  String capability();

  /** Rows stored at least {@code olderThan} ago whose workflow is not known to have started. */
  List<T> stored(Duration olderThan, int limit);

  /** The row's id, for the log and for skipping it for the rest of a round once it failed. */
  String id(T row);

  /** Starts the row's workflow (a second start finds it) and marks the row started. */
  void start(T row);
}
