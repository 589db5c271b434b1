package io.workerplatform.signatures;

import static io.workerplatform.db.Tables.SIGNATURE_REQUESTS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Signature requests as work: the list at {@code signature-requests}, the stats' {@code signatureRequests}. */
public final class SignatureWork {
  private SignatureWork() {}

  public record SignatureRequest(
      String id, String petitionId, String provider, String status, int remindersSent, String reason,
      Instant createdAt, Instant finishedAt, String workflowId) {}

  public static final WorkKind<SignatureRequest> KIND =
      new WorkKind<>(
          "signatureRequests",
          "signature-requests",
          "Signature requests",
          40,
          SIGNATURE_REQUESTS,
          SIGNATURE_REQUESTS.ID,
          SIGNATURE_REQUESTS.ORG_ID,
          SIGNATURE_REQUESTS.STATE,
          SIGNATURE_REQUESTS.CREATED_AT,
          List.of(
              SignatureStore.REQUESTED, SignatureWorkflow.CREATING, SignatureWorkflow.AWAITING_SIGNATURES,
              SignatureWorkflow.STORING_DOCUMENT, SignatureWorkflow.COMPLETED, SignatureWorkflow.DECLINED,
              SignatureWorkflow.EXPIRED, SignatureWorkflow.CANCELLED, SignatureWorkflow.FAILED),
          Function.identity(),
          r ->
              new SignatureRequest(
                  r.get(SIGNATURE_REQUESTS.ID),
                  r.get(SIGNATURE_REQUESTS.PETITION_ID),
                  r.get(SIGNATURE_REQUESTS.PROVIDER),
                  r.get(SIGNATURE_REQUESTS.STATE),
                  r.get(SIGNATURE_REQUESTS.REMINDERS_SENT),
                  r.get(SIGNATURE_REQUESTS.REASON),
                  instant(r.get(SIGNATURE_REQUESTS.CREATED_AT)),
                  instant(r.get(SIGNATURE_REQUESTS.FINISHED_AT)),
                  SignatureWorkflow.workflowId(r.get(SIGNATURE_REQUESTS.ID))),
          // declined and expired requests ended as their signers decided: completed work, not failed
          new Phases(
              SIGNATURE_REQUESTS.FINISHED_AT, List.of(SignatureStore.REQUESTED),
              List.of(
                  SignatureWorkflow.CREATING, SignatureWorkflow.AWAITING_SIGNATURES, SignatureWorkflow.STORING_DOCUMENT),
              List.of(SignatureWorkflow.COMPLETED, SignatureWorkflow.DECLINED, SignatureWorkflow.EXPIRED),
              List.of(SignatureWorkflow.FAILED)));
}
