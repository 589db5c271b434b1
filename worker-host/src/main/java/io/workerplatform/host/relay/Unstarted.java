package io.workerplatform.host.relay;

import java.time.Duration;

/**
 * Work stored in PostgreSQL whose workflow may not have started: the API stores first and starts
 * second, and Temporal may have been unreachable in between. Starting is idempotent (the workflow
 * id is the business key), so starting one twice is harmless.
 */
public interface Unstarted {
  /** What this is, for the log. */
  String what();

  /** Starts up to {@code limit} of those stored at least {@code olderThan} ago; returns how many. */
  int startOlderThan(Duration olderThan, int limit);
}
