package io.workerplatform.host.bulksends;

import io.workerplatform.bulksends.BulkSendWork;
import io.workerplatform.host.scheduling.ScheduledCancellation;
import io.workerplatform.bulksends.BulkSendProgress;
import io.workerplatform.bulksends.BulkSendStore;
import io.workerplatform.bulksends.BulkSendStore.BulkSend;
import io.workerplatform.bulksends.BulkSendWorkflow;
import io.workerplatform.host.api.SteeredRows;
import io.workerplatform.starters.BulkSends;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * A bulk send's live view and its steering (pause, resume, cancel): what the REST API, the console
 * and the scheduled actions all do, in one place.
 */
@Service
public class BulkSendRequests implements ScheduledCancellation {
  /**
   * {@code inDoubt}: recipients whose message may have arrived twice (an SES call of unknown
   * outcome was made again), as the message log marks them.
   */
  public record BulkSendView(
      String id, String status, int total, int sent, int skipped, int suppressed, int failed, int inDoubt,
      Instant sendAt) {}

  private final BulkSendStore store;
  private final BulkSends bulkSends;
  /** A cancel of one whose workflow has not started also gives back its reservation (in the store). */
  private final SteeredRows<BulkSend> rows;

  BulkSendRequests(BulkSendStore store, BulkSends bulkSends) {
    this.store = store;
    this.bulkSends = bulkSends;
    this.rows = new SteeredRows<>("bulk send", store::find, BulkSend::status, b -> isFinished(b.status()),
        store::cancelUnstarted, new SteeredRows.Signals(bulkSends::pause, bulkSends::resume, bulkSends::cancel));
  }

  /** Live counters from the running workflow; the stored ones once it ended or if Temporal is down. */
  public BulkSendView view(String orgId, String id) {
    BulkSend stored = rows.find(orgId, id);
    if (!isFinished(stored.status())) {
      var live = SteeredRows.live(() -> bulkSends.progress(id));
      if (live.isPresent()) {
        BulkSendProgress p = live.get();
        return new BulkSendView(
            id, p.status(), p.total(), p.sent(), p.skipped(), p.suppressed(), p.failed(), store.inDoubt(orgId, id),
            stored.sendAt());
      }
    }
    var c = stored.counters();
    return new BulkSendView(
        id, stored.status(), stored.total(), c.sent(), c.skipped(), c.suppressed(), c.failed(), store.inDoubt(orgId, id),
        stored.sendAt());
  }

  public void pause(String orgId, String id) {
    rows.pause(orgId, id);
  }

  public void resume(String orgId, String id) {
    rows.resume(orgId, id);
  }

  /**
   * One whose workflow has not started (stored while Temporal was unreachable) is cancelled in its
   * row, where the relay sees it, and gives back its reservation; a started one by its workflow.
   */
  public void cancel(String orgId, String id) {
    rows.cancel(orgId, id);
  }

  private static boolean isFinished(String status) {
    return BulkSendWorkflow.COMPLETED.equals(status) || BulkSendWorkflow.CANCELLED.equals(status);
  }

  @Override
  public String kind() {
    return BulkSendWork.SCHEDULED.kind();
  }

  @Override
  public Outcome cancelScheduled(String orgId, String entityId) {
    cancel(orgId, entityId);
    return Outcome.CANCELLING;
  }
}
