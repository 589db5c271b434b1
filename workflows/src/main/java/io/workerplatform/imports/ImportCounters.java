package io.workerplatform.imports;

/** An import's counts as committed: rows read, and what became of them. */
public record ImportCounters(int rows, int imported, int updated, int failed) {
  public static final ImportCounters ZERO = new ImportCounters(0, 0, 0, 0);
}
