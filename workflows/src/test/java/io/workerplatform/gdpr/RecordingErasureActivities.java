package io.workerplatform.gdpr;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Erasure activities that record their calls; {@code knownContact} false answers as for a stranger. */
class RecordingErasureActivities implements ErasureActivities {
  static final Map<String, Long> COUNTS = Map.of("contacts", 1L, "petition-replies", 2L);

  final List<ErasureInput> erased = new CopyOnWriteArrayList<>();
  final List<ErasureResult> outcomes = new CopyOnWriteArrayList<>();
  private final boolean knownContact;

  RecordingErasureActivities(boolean knownContact) {
    this.knownContact = knownContact;
  }

  @Override
  public Map<String, Long> erase(ErasureInput input) {
    erased.add(input);
    if (!knownContact) {
      throw ApplicationFailure.newNonRetryableFailure(
          "contact " + input.contactId() + " does not exist in organization " + input.orgId(), CONTACT_NOT_FOUND);
    }
    return COUNTS;
  }

  @Override
  public void recordOutcome(ErasureInput input, ErasureResult result) {
    outcomes.add(result);
  }
}
