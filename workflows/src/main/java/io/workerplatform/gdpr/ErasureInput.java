package io.workerplatform.gdpr;

/** Which contact to erase, and the organization it must belong to. Ids only. */
public record ErasureInput(String orgId, String contactId) {}
