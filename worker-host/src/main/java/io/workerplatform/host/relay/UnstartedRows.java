package io.workerplatform.host.relay;

import java.time.Duration;
import java.util.List;

/** Unstarted work kept as rows of type {@code T}: the relay finds them and starts each. */
public interface UnstartedRows<T> extends Unstarted {
  /** Rows stored at least {@code olderThan} ago whose workflow is not known to have started. */
  List<T> stored(Duration olderThan, int limit);

  /** Starts the row's workflow (a second start finds it) and marks the row started. */
  void start(T row);

  @Override
  default int startOlderThan(Duration olderThan, int limit) {
    List<T> rows = stored(olderThan, limit);
    rows.forEach(this::start);
    return rows.size();
  }
}
