package io.workerplatform.host.screening;

import io.workerplatform.host.api.SteeredRows;
import io.workerplatform.screening.ScreeningStore;
import io.workerplatform.screening.ScreeningStore.Screening;
import io.workerplatform.screening.SearchProgress;
import io.workerplatform.starters.Screenings;
import java.time.Instant;
import java.util.List;
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

  private final Screenings screenings;
  private final SteeredRows<Screening> rows;

  ScreeningRequests(ScreeningStore store, Screenings screenings) {
    this.screenings = screenings;
    this.rows = new SteeredRows<>("screening", store::find, Screening::status, Screening::isFinished,
        store::cancelUnstarted, new SteeredRows.Signals(screenings::pause, screenings::resume, screenings::cancel));
  }

  ScreeningView view(String orgId, String id) {
    Screening stored = rows.find(orgId, id);
    if (!stored.isFinished()) {
      var live = SteeredRows.live(() -> screenings.progress(id));
      if (live.isPresent()) {
        SearchProgress p = live.get();
        return new ScreeningView(id, stored.kind(), p.status(), stored.types(), stored.total(), p.screened(), p.withHits(),
            p.failed(), stored.failureReason(), stored.createdAt(), stored.finishedAt());
      }
    }
    return ScreeningView.of(stored);
  }

  void pause(String orgId, String id) {
    rows.pause(orgId, id);
  }

  void resume(String orgId, String id) {
    rows.resume(orgId, id);
  }

  void cancel(String orgId, String id) {
    rows.cancel(orgId, id);
  }
}
