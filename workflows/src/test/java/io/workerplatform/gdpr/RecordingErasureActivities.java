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
  private volatile int unavailable;

  RecordingErasureActivities(boolean knownContact) {
    this.knownContact = knownContact;
  }

  /** The next {@code calls} erasures fail as while the database is down. */
  RecordingErasureActivities unavailableFor(int calls) {
    this.unavailable = calls;
    return this;
  }

  @Override
  public Map<String, Long> erase(ErasureInput input) {
    erased.add(input);
    if (unavailable > 0) {
      unavailable--;
      throw new IllegalStateException("Connection to 127.0.0.1:5432 refused");
    }
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
