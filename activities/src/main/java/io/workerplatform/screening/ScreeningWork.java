package io.workerplatform.screening;

import static io.workerplatform.db.Tables.SCREENINGS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Screenings as work: the list at {@code screenings}, the stats' {@code screenings}, a console card. */
public final class ScreeningWork {
  private ScreeningWork() {}

  /** A screening as lists show it (its stored counters; {@code GET .../screenings/{id}} is live). */
  public record Screening(
      String id, String kind, String status, List<String> types, int total, int screened, int withHits, int failed,
      String failureReason, Instant createdAt, Instant finishedAt, String workflowId) {}

  public static final WorkKind<Screening> KIND = new WorkKind<>(
      "screenings",
      "screenings",
      "Screenings",
      70,
      SCREENINGS,
      SCREENINGS.ID,
      SCREENINGS.ORG_ID,
      SCREENINGS.STATUS,
      SCREENINGS.CREATED_AT,
      List.of(ScreeningStore.QUEUED, "RUNNING", "COMPLETED", "CANCELLED", ScreeningStore.FAILED),
      Function.identity(),
      r -> new Screening(
          r.get(SCREENINGS.ID), r.get(SCREENINGS.KIND), r.get(SCREENINGS.STATUS), List.of(r.get(SCREENINGS.TYPES)),
          r.get(SCREENINGS.TOTAL), r.get(SCREENINGS.SCREENED), r.get(SCREENINGS.WITH_HITS), r.get(SCREENINGS.FAILED),
          r.get(SCREENINGS.FAILURE_REASON), instant(r.get(SCREENINGS.CREATED_AT)), instant(r.get(SCREENINGS.FINISHED_AT)),
          ProfileSearchWorkflow.workflowId(r.get(SCREENINGS.ID))),
      new Phases(
          SCREENINGS.FINISHED_AT, List.of(ScreeningStore.QUEUED), List.of("RUNNING"), List.of("COMPLETED"),
          List.of(ScreeningStore.FAILED)));
}
