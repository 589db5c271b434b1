package io.workerplatform.signature;

/**
 * Starts a signature request stored in PostgreSQL. Reminders go out every {@code
 * reminderEveryDays} days after creation (0: none); the request expires {@code expiresInDays} days
 * after it started.
 */
public record SignatureInput(
    String signatureRequestId, String orgId, int reminderEveryDays, int expiresInDays) {}
