package io.workerplatform.imports;

/**
 * The workflow's input: {@code {"importId":"..."}} to start; a continued run also carries the
 * previous run's state.
 */
public record ImportInput(String importId, Carry carry) {

  public static ImportInput start(String importId) {
    return new ImportInput(importId, null);
  }

  /** What one run hands to the next. */
  public record Carry(ImportCounters counters, int continueAsNewAfterEvents, boolean paused, int run) {}
}
