package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.workerplatform.signatures.ProviderError;
import io.workerplatform.signatures.SignatureInput;
import io.workerplatform.signatures.SignatureStatus;
import io.workerplatform.signatures.SignatureWorkflow;
import io.workerplatform.signatures.SignerEvent;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts and steers signature requests (workflow {@code signature/<id>} on queue {@code
 * signatures}) and delivers provider events to them. The request, its file and its signers are
 * rows in PostgreSQL; Temporal sees their ids.
 */
public class Signatures {
  /** What a provider reported, as the workflow's signals name it. */
  public enum ProviderEvent {
    SIGNED,
    COMPLETED,
    DECLINED,
    EXPIRED,
    ERROR
  }

  private final WorkflowClient client;

  public Signatures(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the request's workflow; false when it runs or ran already. */
  public boolean start(String orgId, String petitionId, SignatureInput input) {
    SignatureWorkflow workflow =
        client.newWorkflowStub(
            SignatureWorkflow.class,
            BusinessWorkflows.once(
                SignatureWorkflow.workflowId(input.signatureRequestId()),
                SignatureWorkflow.TASK_QUEUE,
                "Signature request " + input.signatureRequestId() + " of petition " + petitionId,
                orgId,
                petitionId));
    try {
      WorkflowClient.start(workflow::run, input);
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  /** Cancels the request (at the provider too); false when its workflow no longer runs. */
  public boolean cancel(String signatureRequestId) {
    return signal(signatureRequestId, SignatureWorkflow::cancel);
  }

  /** Sends a reminder now; false when its workflow no longer runs. */
  public boolean remind(String signatureRequestId) {
    return signal(signatureRequestId, SignatureWorkflow::remind);
  }

  /**
   * Delivers a provider event; {@code signerId} (the contact id) for signer events, {@code reason}
   * for errors. False when the workflow no longer runs: the event is then only on record.
   */
  public boolean deliver(String signatureRequestId, ProviderEvent event, String signerId, String reason) {
    Consumer<SignatureWorkflow> signal =
        switch (event) {
          case SIGNED -> w -> w.signed(new SignerEvent(signerId));
          case COMPLETED -> SignatureWorkflow::completed;
          case DECLINED -> w -> w.declined(new SignerEvent(signerId));
          case EXPIRED -> SignatureWorkflow::expired;
          case ERROR -> w -> w.error(new ProviderError(reason));
        };
    return signal(signatureRequestId, signal);
  }

  /** The live state, or empty when the workflow never started. */
  public Optional<SignatureStatus> status(String signatureRequestId) {
    try {
      return Optional.of(stub(signatureRequestId).status());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  private boolean signal(String signatureRequestId, Consumer<SignatureWorkflow> signal) {
    try {
      signal.accept(stub(signatureRequestId));
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private SignatureWorkflow stub(String signatureRequestId) {
    return client.newWorkflowStub(SignatureWorkflow.class, SignatureWorkflow.workflowId(signatureRequestId));
  }
}
