package io.workerplatform.imports;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.files.FileStorage;
import io.workerplatform.imports.ImportStore.Import;
import io.workerplatform.imports.ImportStore.RowError;
import io.workerplatform.imports.ImportTarget.Outcome;
import io.workerplatform.imports.ImportTarget.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an import's file batch by batch. A batch is one transaction: the import's row locked, up
 * to {@code batchSize} rows read from the committed offset, checked and written by the kind's
 * {@link ImportTarget}, their errors and the next offset stored. A crash loses only the batch in
 * flight, which the retry reads again from the same offset. Only ids and counts reach the history
 * and the log; the rows' values stay in the file and the tables.
 */
public class ImportActivitiesImpl implements ImportActivities {
  private static final Logger log = LoggerFactory.getLogger(ImportActivitiesImpl.class);

  /**
   * @param batchSize rows per transaction
   * @param slice how long one activity goes on taking batches (a pause waits at most this long)
   * @param continueAsNewAfterEvents the workflow's history bound
   */
  public record Settings(int batchSize, Duration slice, int continueAsNewAfterEvents) {}

  private final DSLContext dsl;
  private final ImportStore store;
  private final FileStorage storage;
  private final Map<String, ImportTarget> targets;
  private final Settings settings;
  private final Clock clock;

  public ImportActivitiesImpl(
      DSLContext dsl, ImportStore store, FileStorage storage, List<ImportTarget> targets, Settings settings, Clock clock) {
    this.dsl = dsl;
    this.store = store;
    this.storage = storage;
    this.targets = ImportUploads.byKind(targets);
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Plan prepare(String importId) {
    Import imported = find(importId);
    store.markRunning(importId);
    return new Plan(settings.continueAsNewAfterEvents(), counters(imported));
  }

  @Override
  public Slice importSlice(String importId) {
    Import imported = find(importId);
    ImportTarget target = targets.get(imported.kind());
    if (target == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no import target of kind " + imported.kind(), InvalidInput.TYPE, "kind");
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    Instant end = clock.instant().plus(settings.slice());
    while (true) {
      Batch batch = batch(importId, target);
      if (batch.done() || !clock.instant().isBefore(end)) {
        return new Slice(batch.counters(), batch.done());
      }
      context.heartbeat(null); // a pause or a cancel surfaces here, after a committed batch
    }
  }

  private record Batch(ImportCounters counters, boolean done) {}

  private Batch batch(String importId, ImportTarget target) {
    return dsl.transactionResult(c -> {
      long started = System.nanoTime();
      DSLContext t = c.dsl();
      // A batch's commit need not wait for its WAL flush: should PostgreSQL itself crash and lose
      // the last batches, it loses their rows and their offset together, and the next slice reads
      // them again from the offset that survived (what the workflow heard is never the truth).
      t.execute("set local synchronous_commit to off");
      Import imported = store.lock(t, importId).orElseThrow();
      if (imported.isFinished()) {
        return new Batch(counters(imported), true);
      }
      List<String> columns = imported.columns();
      List<ImportTarget.Row> rows = new ArrayList<>(settings.batchSize());
      List<RowError> errors = new ArrayList<>();
      boolean done = false;
      int read = 0;
      CsvRows csv;
      try (InputStream in = open(imported)) {
        csv = new CsvRows(in, imported.nextOffset(), imported.nextLine());
        while (read < settings.batchSize()) {
          CsvRows.Row row = csv.next();
          if (row == null) {
            done = true;
            break;
          }
          if (row.problem() == null && row.fields().size() == 1 && row.fields().get(0).isBlank()) {
            continue; // an empty line is no row
          }
          read++;
          if (row.problem() != null) {
            errors.add(new RowError(row.line(), null, row.problem()));
          } else if (row.fields().size() != columns.size()) {
            errors.add(new RowError(row.line(), null,
                "has " + row.fields().size() + " fields; the header has " + columns.size()));
          } else {
            Map<String, String> cells = new HashMap<>(columns.size() * 2);
            for (int i = 0; i < columns.size(); i++) {
              cells.put(columns.get(i), row.fields().get(i));
            }
            rows.add(new ImportTarget.Row(row.line(), cells));
          }
        }
      }
      int imports = 0;
      int updates = 0;
      int failures = errors.size();
      if (!rows.isEmpty()) {
        List<Outcome> outcomes = target.apply(t, imported.orgId(), rows, now());
        for (int i = 0; i < outcomes.size(); i++) {
          Outcome outcome = outcomes.get(i);
          if (outcome.result() == Result.IMPORTED) {
            imports++;
          } else if (outcome.result() == Result.UPDATED) {
            updates++;
          } else {
            failures++;
            errors.add(new RowError(rows.get(i).line(), outcome.column(), outcome.reason()));
          }
        }
      }
      store.commitBatch(t, importId, imported.orgId(), errors, csv.offset(), csv.line(), read, imports, updates, failures, started);
      return new Batch(new ImportCounters(imported.rows() + read, imported.imported() + imports,
          imported.updated() + updates, imported.failed() + failures), done);
    });
  }

  /** The file at the import's committed offset; a file gone from the storage fails the import for good. */
  private InputStream open(Import imported) throws IOException {
    InputStream in;
    try {
      in = storage.open(imported.storageKey());
    } catch (NoSuchFileException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the file of import " + imported.id() + " is gone from the storage", FILE_UNREADABLE);
    }
    in.skipNBytes(imported.nextOffset());
    return in;
  }

  @Override
  public ImportCounters finish(FinishRequest request) {
    Import finished = store.finish(request.importId(), request.status(), request.reason())
        .orElseThrow(() -> unknown(request.importId()));
    try {
      storage.delete(finished.storageKey()); // the rows are in; the file's personal data need not stay
    } catch (IOException e) {
      throw new UncheckedIOException("file storage cannot delete the file of import " + finished.id(), e);
    }
    log.info("Import {} {}: {} rows, {} imported, {} updated, {} failed", finished.id(), finished.status(),
        finished.rows(), finished.imported(), finished.updated(), finished.failed());
    return counters(finished);
  }

  private Import find(String id) {
    return store.byId(id).orElseThrow(() -> unknown(id));
  }

  private static ApplicationFailure unknown(String id) {
    return ApplicationFailure.newNonRetryableFailure("import " + id + " does not exist", InvalidInput.TYPE, "importId");
  }

  private static ImportCounters counters(Import imported) {
    return new ImportCounters(imported.rows(), imported.imported(), imported.updated(), imported.failed());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
