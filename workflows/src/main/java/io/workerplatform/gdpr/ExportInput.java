package io.workerplatform.gdpr;

/**
 * One export: of the whole organization, or of one contact when {@code contactId} is set. The
 * export row (status, file) is keyed by {@code exportId}.
 */
public record ExportInput(String exportId, String orgId, String contactId) {}
