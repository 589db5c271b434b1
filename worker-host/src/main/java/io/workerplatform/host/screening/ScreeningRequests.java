package io.workerplatform.host.screening;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.Steering;
import io.workerplatform.screening.ScreeningStore;
import io.workerplatform.screening.ScreeningStore.Screening;
import io.workerplatform.screening.SearchProgress;
import io.workerplatform.starters.Screenings;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/** A screening's live view and its steering (pause, resume, cancel). */
@Service
class ScreeningRequests {
  /** A screening as the API shows it: its progress live while it runs, as stored once it ended. */
  record ScreeningView(
      String id, String kind, String status, List<String> types, int total, int screened, int withHits, int failed,
      String failureReason, Instant createdAt, Instant finishedAt) {

    static ScreeningView of(Screening s) {
      return new ScreeningView(s.id(), s.kind(), s.status(), s.types(), s.total(), s.screened(), s.withHits(), s.failed(),
          s.failureReason(), s.createdAt(), s.finishedAt());
    }
  }

  private final ScreeningStore store;
  private final Screenings screenings;

  ScreeningRequests(ScreeningStore store, Screenings screenings) {
    this.store = store;
    this.screenings = screenings;
  }

  ScreeningView view(String orgId, String id) {
    Screening stored = find(orgId, id);
    if (!stored.isFinished()) {
      try {
        var live = screenings.progress(id);
        if (live.isPresent()) {
          SearchProgress p = live.get();
          return new ScreeningView(id, stored.kind(), p.status(), stored.types(), stored.total(), p.screened(), p.withHits(),
              p.failed(), stored.failureReason(), stored.createdAt(), stored.finishedAt());
        }
      } catch (WorkflowServiceException temporalDown) {
        // the stored row
      }
    }
    return ScreeningView.of(stored);
  }

  void pause(String orgId, String id) {
    steer(orgId, id, screenings::pause);
  }

  void resume(String orgId, String id) {
    steer(orgId, id, screenings::resume);
  }

  /** One whose workflow has not started is cancelled in its row; a started one by its workflow. */
  void cancel(String orgId, String id) {
    find(orgId, id);
    if (store.cancelUnstarted(orgId, id)) {
      Steering.cancelStartedSince(id, screenings::cancel);
      return;
    }
    steer(orgId, id, screenings::cancel);
  }

  private void steer(String orgId, String id, Consumer<String> signal) {
    Screening screening = find(orgId, id);
    if (screening.isFinished()) {
      throw new ConflictException("id", "screening " + id + " is " + screening.status() + " already");
    }
    Steering.steer("screening", id, signal);
  }

  private Screening find(String orgId, String id) {
    return store.find(orgId, id).orElseThrow(() -> new NotFoundException("screening", id));
  }

}
