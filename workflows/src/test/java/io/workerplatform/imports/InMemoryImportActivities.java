package io.workerplatform.imports;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Import activities over a file of {@code rows} rows held in memory: each batch commits {@code
 * batchSize} rows and its offset at once (every fifth row updates a contact, every seventh fails),
 * a slice runs {@code batchesPerSlice} batches, heartbeating after each. {@code crashAfterBatches}
 * makes one attempt die after that many committed batches, as a killed worker would. Records the
 * rows committed and the finish call.
 */
class InMemoryImportActivities implements ImportActivities {
  final int rows;
  final int batchSize;
  final int batchesPerSlice;
  final int continueAsNewAfterEvents;
  final long millisPerBatch;
  volatile int crashAfterBatches = -1;
  volatile boolean fileGone;
  /** The committed offset: the next row's index. */
  private int offset;
  private ImportCounters committed = ImportCounters.ZERO;
  final List<Integer> committedRows = Collections.synchronizedList(new ArrayList<>());
  final List<FinishRequest> finished = Collections.synchronizedList(new ArrayList<>());

  InMemoryImportActivities(int rows, int batchSize, int batchesPerSlice, int continueAsNewAfterEvents, long millisPerBatch) {
    this.rows = rows;
    this.batchSize = batchSize;
    this.batchesPerSlice = batchesPerSlice;
    this.continueAsNewAfterEvents = continueAsNewAfterEvents;
    this.millisPerBatch = millisPerBatch;
  }

  @Override
  public Plan prepare(String importId) {
    return new Plan(continueAsNewAfterEvents, counters());
  }

  @Override
  public Slice importSlice(String importId) {
    if (fileGone) {
      throw ApplicationFailure.newNonRetryableFailure("the file is gone", FILE_UNREADABLE);
    }
    for (int batch = 0; batch < batchesPerSlice; batch++) {
      sleep();
      synchronized (this) {
        int end = Math.min(rows, offset + batchSize);
        int imported = 0;
        int updated = 0;
        int failed = 0;
        for (int row = offset; row < end; row++) {
          committedRows.add(row);
          if (row % 7 == 6) {
            failed++;
          } else if (row % 5 == 4) {
            updated++;
          } else {
            imported++;
          }
        }
        committed = new ImportCounters(committed.rows() + end - offset, committed.imported() + imported,
            committed.updated() + updated, committed.failed() + failed);
        offset = end;
        if (offset == rows) {
          return new Slice(committed, true);
        }
      }
      if (crashAfterBatches >= 0 && batch + 1 == crashAfterBatches) {
        crashAfterBatches = -1;
        throw new IllegalStateException("worker died");
      }
      Activity.getExecutionContext().heartbeat(null); // a pause or a cancel surfaces here
    }
    return new Slice(counters(), false);
  }

  private void sleep() {
    try {
      Thread.sleep(millisPerBatch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }

  synchronized ImportCounters counters() {
    return committed;
  }

  @Override
  public ImportCounters finish(FinishRequest request) {
    finished.add(request);
    return counters();
  }
}
