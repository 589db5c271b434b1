package io.workerplatform.benchmarks.faults;

/** One row of the fault table: a fault, the work it hits, and how the work came out. */
interface FaultRow {

  /** The row's name for {@code -Dfaults.only}. */
  String name();

  /** Runs the work, injects the fault, waits for the work to settle and counts. */
  Result run(FaultLab lab) throws Exception;

  /**
   * @param lost work that should have happened and did not (a recipient without a message, an
   *     event never delivered, a row left undone)
   * @param duplicates work done more than once (a second message, a second bulk send)
   * @param marked of the duplicates, those marked in doubt where they happened
   * @param agree whether independent sources tell the same story (the SES store, the message log
   *     and the counters; the receiver's log and the deliveries' rows), and what they say
   */
  record Result(String fault, String work, long lost, long duplicates, long marked, String agree, double seconds) {}
}
