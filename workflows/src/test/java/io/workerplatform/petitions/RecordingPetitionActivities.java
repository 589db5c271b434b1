package io.workerplatform.petitions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records each closing asked for and answers {@code outcome}; with a stored time set, plays the
 * database: a closing at another time is {@code MOVED}, and {@code storedClosesAt} answers it.
 */
class RecordingPetitionActivities implements PetitionActivities {
  final List<PetitionCloseInput> closed = new CopyOnWriteArrayList<>();
  /** The petition's closing time "in the database"; null: none (cancelled, or not tracked). */
  final AtomicReference<Instant> stored = new AtomicReference<>();
  private final String outcome;
  private volatile boolean tracksStoredTime;

  RecordingPetitionActivities(String outcome) {
    this.outcome = outcome;
  }

  /** From now on a closing at a time other than {@code at} is MOVED. */
  RecordingPetitionActivities storing(Instant at) {
    stored.set(at);
    tracksStoredTime = true;
    return this;
  }

  @Override
  public String close(PetitionCloseInput input) {
    closed.add(input);
    if (tracksStoredTime && !Objects.equals(stored.get(), input.closesAt())) {
      return PetitionCloseWorkflow.MOVED;
    }
    return outcome;
  }

  @Override
  public Instant storedClosesAt(PetitionCloseInput input) {
    return stored.get();
  }
}
