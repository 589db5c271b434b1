package io.workerplatform.gdpr;

import io.workerplatform.common.ConnectionWait;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.files.FileStorage;
import io.workerplatform.gdpr.ExportStore.Export;
import io.workerplatform.personaldata.PersonalData;
import io.workerplatform.personaldata.PersonalDataRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;

public class DataExportActivitiesImpl implements DataExportActivities {
  private final DSLContext dsl;
  private final FileStorage storage;
  private final ExportStore exports;
  private final List<PersonalData> sections;
  private final Duration keptFor;

  /** @param keptFor how long a completed export can be downloaded before the cleanup job deletes it */
  public DataExportActivitiesImpl(
      DSLContext dsl, FileStorage storage, ExportStore exports, PersonalDataRegistry personalData, Duration keptFor) {
    this.dsl = dsl;
    this.sections = personalData.inExportOrder();
    this.storage = storage;
    this.exports = exports;
    this.keptFor = keptFor;
  }

  /** Where an export's archive lies in file storage. */
  static String storageKey(Export export) {
    return export.orgId() + "/exports/" + export.id() + ".zip";
  }

  @Override
  public void markProcessing(ExportInput input) {
    Export export = load(input);
    if (!exports.markProcessing(export.id())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "export " + export.id() + " is " + export.status() + ", not PENDING", InvalidInput.TYPE, "exportId");
    }
  }

  @Override
  public ExportResult build(ExportInput input) {
    Export export = load(input);
    // The row is the authority on whose data this is: the input only has to agree with it.
    ExportInput stored = new ExportInput(export.id(), export.orgId(), export.contactId());
    var context = Activity.getExecutionContext();
    String key = storageKey(export);
    FileStorage.Stored[] archive = new FileStorage.Stored[1];
    int[] entries = new int[1];
    // One read-only transaction: a consistent snapshot, and the cursors stream (PostgreSQL only
    // streams a cursor inside a transaction). The archive goes to storage as it is written.
    // Its one connection may be a while coming from a busy pool: the export heartbeats meanwhile.
    ConnectionWait.heartbeating(() -> context.heartbeat(null), () -> dsl.transactionResult(tx -> {
      tx.dsl().execute("set transaction isolation level repeatable read, read only");
      try {
        archive[0] = storage.writeHashed(key, out -> entries[0] = ExportArchive.write(
            tx.dsl(), sections, stored, export.memberId(), () -> context.heartbeat(null), out));
      } catch (IOException e) {
        throw new UncheckedIOException("file storage refused export " + export.id(), e);
      }
      return null;
    }));
    exports.complete(export.id(), key, archive[0].sizeBytes(), archive[0].sha256(), keptFor);
    return new ExportResult(export.id(), ExportResult.COMPLETED, archive[0].sizeBytes(), entries[0], null);
  }

  @Override
  public void markFailed(ExportInput input, String reason) {
    exports.fail(InvalidInput.requireText("exportId", input.exportId()), reason);
  }

  private Export load(ExportInput input) {
    String id = InvalidInput.requireText("exportId", input.exportId());
    Export export =
        exports.find(id).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
            "export " + id + " does not exist", EXPORT_NOT_FOUND, "exportId"));
    if (!export.orgId().equals(input.orgId())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "export " + id + " belongs to another organization than " + input.orgId(), InvalidInput.TYPE, "orgId");
    }
    return export;
  }
}
