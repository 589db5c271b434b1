package io.workerplatform.petitions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each closing asked for and answers {@code outcome}. */
class RecordingPetitionActivities implements PetitionActivities {
  final List<PetitionCloseInput> closed = new CopyOnWriteArrayList<>();
  private final String outcome;

  RecordingPetitionActivities(String outcome) {
    this.outcome = outcome;
  }

  @Override
  public String close(PetitionCloseInput input) {
    closed.add(input);
    return outcome;
  }
}
