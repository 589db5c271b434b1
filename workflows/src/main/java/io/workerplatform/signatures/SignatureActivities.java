package io.workerplatform.signatures;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The side effects of a signature request; every method takes the request id and loads the rest. */
@ActivityInterface
public interface SignatureActivities {
  /** Failure type of a provider's permanent refusal (a 4xx that retrying will not change). */
  String PROVIDER_REFUSED = "SignatureProviderRefused";

  /**
   * Creates the process at the provider, once: a retry finds the provider's id recorded and does
   * not create a second process. Returns the signer ids in order.
   */
  Created create(String signatureRequestId);

  void remind(String signatureRequestId);

  /** Cancels (voids) the process at the provider; a process already closed there is left as is. */
  void cancelAtProvider(String signatureRequestId);

  /** The provider's view, normalized to one of the workflow's states or {@code AWAITING_SIGNATURES}. */
  String providerState(String signatureRequestId);

  /** Downloads the signed document, stores it as a file and returns the file id. */
  String storeSignedDocument(String signatureRequestId);

  /** Records the final state and publishes {@code signature.<state>} once. */
  void finish(SignatureStatus status);

  record Created(String providerProcessId, List<String> signerIds) {}
}
