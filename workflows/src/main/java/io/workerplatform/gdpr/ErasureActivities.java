package io.workerplatform.gdpr;

import io.temporal.activity.ActivityInterface;
import java.util.Map;

@ActivityInterface
public interface ErasureActivities {
  /** Failure type of a contact that does not exist in the organization. */
  String CONTACT_NOT_FOUND = "ContactNotFound";

  /**
   * Anonymizes the contact everywhere in one transaction and audits it; returns rows changed per
   * kind. Running it again changes nothing.
   */
  Map<String, Long> erase(ErasureInput input);

  /** Records how the erasure ended, for {@code GET .../erasure}. */
  void recordOutcome(ErasureInput input, ErasureResult result);
}
