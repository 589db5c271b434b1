package io.workerplatform.signatures;

import io.workerplatform.common.TaskQueues;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One signature request, from its creation at the provider to the stored signed document. Provider
 * callbacks arrive as signals; reminders and expiry are durable timers. Signals and results carry
 * ids and statuses only: names, addresses and the document stay in PostgreSQL and the file store.
 */
@WorkflowInterface
public interface SignatureWorkflow {
  String TASK_QUEUE = TaskQueues.SIGNATURES;

  String CREATING = "CREATING";
  String AWAITING_SIGNATURES = "AWAITING_SIGNATURES";
  String STORING_DOCUMENT = "STORING_DOCUMENT";
  String COMPLETED = "COMPLETED";
  String DECLINED = "DECLINED";
  String EXPIRED = "EXPIRED";
  String CANCELLED = "CANCELLED";
  String FAILED = "FAILED";

  String SIGNER_PENDING = "PENDING";
  String SIGNER_SIGNED = "SIGNED";
  String SIGNER_DECLINED = "DECLINED";

  static String workflowId(String signatureRequestId) {
    return "signature/" + signatureRequestId;
  }

  @WorkflowMethod
  SignatureStatus run(SignatureInput input);

  /** The provider reports that one signer signed. Once every signer signed, the request completes. */
  @SignalMethod
  void signed(SignerEvent event);

  /** The provider reports the whole process completed. */
  @SignalMethod
  void completed();

  /** A signer declined (the signer id may be absent when the provider does not say who). */
  @SignalMethod
  void declined(SignerEvent event);

  /** The provider expired the process on its side. */
  @SignalMethod
  void expired();

  /** The provider reports that the process cannot go on (voided, cancelled or failed there). */
  @SignalMethod
  void error(ProviderError error);

  /** Cancels the request at the provider and ends it {@code CANCELLED}, whenever it arrives. */
  @SignalMethod
  void cancel();

  /** Sends one reminder now, outside the schedule. */
  @SignalMethod
  void remind();

  @QueryMethod
  SignatureStatus status();
}
