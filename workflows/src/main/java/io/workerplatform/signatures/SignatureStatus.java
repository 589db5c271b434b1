package io.workerplatform.signatures;

import java.time.Instant;
import java.util.List;

/** The live state of a signature request: the {@code status} query and the workflow's result. */
public record SignatureStatus(
    String signatureRequestId,
    String state,
    List<Signer> signers,
    int remindersSent,
    Instant nextReminderAt,
    Instant expiresAt,
    int ignoredEvents,
    String signedFileId,
    String reason) {

  public record Signer(String signerId, String state) {}
}
