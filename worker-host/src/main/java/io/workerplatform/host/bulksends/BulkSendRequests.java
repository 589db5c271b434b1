package io.workerplatform.host.bulksends;

import io.workerplatform.bulksends.BulkSendWork;
import io.workerplatform.host.scheduling.ScheduledCancellation;
import io.temporal.client.WorkflowServiceException;
import io.workerplatform.bulksends.BulkSendProgress;
import io.workerplatform.bulksends.BulkSendStore;
import io.workerplatform.bulksends.BulkSendStore.BulkSend;
import io.workerplatform.bulksends.BulkSendWorkflow;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.Steering;
import io.workerplatform.starters.BulkSends;
import java.time.Instant;
import java.util.function.Consumer;
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

  BulkSendRequests(BulkSendStore store, BulkSends bulkSends) {
    this.store = store;
    this.bulkSends = bulkSends;
  }

  /** Live counters from the running workflow; the stored ones once it ended or if Temporal is down. */
  public BulkSendView view(String orgId, String id) {
    BulkSend stored = find(orgId, id);
    if (!isFinished(stored.status())) {
      try {
        var live = bulkSends.progress(id);
        if (live.isPresent()) {
          BulkSendProgress p = live.get();
          return new BulkSendView(
              id, p.status(), p.total(), p.sent(), p.skipped(), p.suppressed(), p.failed(), store.inDoubt(orgId, id),
              stored.sendAt());
        }
      } catch (WorkflowServiceException temporalDown) {
        // fall through to the stored row
      }
    }
    var c = stored.counters();
    return new BulkSendView(
        id, stored.status(), stored.total(), c.sent(), c.skipped(), c.suppressed(), c.failed(), store.inDoubt(orgId, id),
        stored.sendAt());
  }

  public void pause(String orgId, String id) {
    steer(orgId, id, bulkSends::pause);
  }

  public void resume(String orgId, String id) {
    steer(orgId, id, bulkSends::resume);
  }

  /**
   * One whose workflow has not started (stored while Temporal was unreachable) is cancelled in its
   * row, where the relay sees it, and gives back its reservation; a started one by its workflow.
   */
  public void cancel(String orgId, String id) {
    find(orgId, id);
    if (store.cancelUnstarted(orgId, id)) {
      Steering.cancelStartedSince(id, bulkSends::cancel);
      return;
    }
    steer(orgId, id, bulkSends::cancel);
  }

  private void steer(String orgId, String id, Consumer<String> signal) {
    BulkSend bulkSend = find(orgId, id);
    if (isFinished(bulkSend.status())) {
      throw new ConflictException("id", "bulk send " + id + " is " + bulkSend.status() + " already");
    }
    Steering.steer("bulk send", id, signal);
  }

  private BulkSend find(String orgId, String id) {
    return store.find(orgId, id).orElseThrow(() -> new NotFoundException("bulk send", id));
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
