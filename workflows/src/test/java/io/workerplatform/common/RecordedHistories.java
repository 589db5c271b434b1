package io.workerplatform.common;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where the history recorders write and the replay tests read: {@code src/test/resources/histories},
 * or {@code -Drecord.histories.dir} to try a recorder elsewhere. A recorded history is never
 * overwritten: it is what older workflow code did, and replaying it is the compatibility check.
 */
public final class RecordedHistories {
  private RecordedHistories() {}

  public static Path file(String name) {
    return Path.of(System.getProperty("record.histories.dir", "src/test/resources/histories")).resolve(name + ".json");
  }

  public static boolean recorded(String name) {
    return Files.exists(file(name));
  }

  /** Writes the history under its name, unless one is recorded there already. */
  public static void keep(String name, WorkflowExecutionHistory history) {
    Path file = file(name);
    if (Files.exists(file)) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, history.toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code run} in a fresh test environment (it registers its worker, starts and drives the
   * workflow to its end) and keeps the latest run of {@code workflowId}; nothing when recorded.
   */
  public static void record(String name, String workflowId, Consumer<TestWorkflowEnvironment> run) {
    if (recorded(name)) {
      return;
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      run.accept(env);
      keep(name, env.getWorkflowClient().fetchHistory(workflowId));
    }
  }
}
