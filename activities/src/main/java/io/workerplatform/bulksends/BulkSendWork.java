package io.workerplatform.bulksends;

import static io.workerplatform.db.Tables.BULK_SENDS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.scheduling.ScheduledKind;
import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Bulk sends as work: the list at {@code bulk-sends}, the stats' {@code bulkSends}. */
public final class BulkSendWork {
  private BulkSendWork() {}

  public record BulkSend(
      String id, String petitionId, String template, String status, int total, int sent, int skipped, int suppressed,
      int failed, Instant createdAt, Instant finishedAt, String workflowId, Instant sendAt) {}

  public static final WorkKind<BulkSend> KIND =
      new WorkKind<>(
          "bulkSends",
          "bulk-sends",
          "Bulk sends",
          30,
          BULK_SENDS,
          BULK_SENDS.ID,
          BULK_SENDS.ORG_ID,
          BULK_SENDS.STATUS,
          BULK_SENDS.CREATED_AT,
          List.of(
              BulkSendStore.CREATED, BulkSendWorkflow.SCHEDULED, BulkSendWorkflow.RUNNING, BulkSendWorkflow.PAUSED,
              BulkSendWorkflow.CANCELLING, BulkSendWorkflow.COMPLETED, BulkSendWorkflow.CANCELLED),
          Function.identity(),
          r ->
              new BulkSend(
                  r.get(BULK_SENDS.ID),
                  r.get(BULK_SENDS.PETITION_ID),
                  r.get(BULK_SENDS.TEMPLATE),
                  r.get(BULK_SENDS.STATUS),
                  r.get(BULK_SENDS.TOTAL),
                  r.get(BULK_SENDS.SENT),
                  r.get(BULK_SENDS.SKIPPED),
                  r.get(BULK_SENDS.SUPPRESSED),
                  r.get(BULK_SENDS.FAILED),
                  instant(r.get(BULK_SENDS.CREATED_AT)),
                  instant(r.get(BULK_SENDS.FINISHED_AT)),
                  BulkSendWorkflow.workflowId(r.get(BULK_SENDS.ID)),
                  instant(r.get(BULK_SENDS.SEND_AT))),
          // a bulk send does not fail as a whole: its messages do (their own counts)
          new Phases(
              BULK_SENDS.FINISHED_AT, List.of(BulkSendStore.CREATED, BulkSendWorkflow.SCHEDULED, BulkSendWorkflow.PAUSED),
              List.of(BulkSendWorkflow.RUNNING, BulkSendWorkflow.CANCELLING), List.of(BulkSendWorkflow.COMPLETED),
              List.of()));

  /** Bulk sends waiting for their time: scheduled action {@code BULK_SEND:<id>}. */
  public static final ScheduledKind SCHEDULED =
      new ScheduledKind("BULK_SEND", BULK_SENDS, BULK_SENDS.ORG_ID, BULK_SENDS.ID, BULK_SENDS.SEND_AT,
          BULK_SENDS.STATUS.eq(BulkSendWorkflow.SCHEDULED));
}
