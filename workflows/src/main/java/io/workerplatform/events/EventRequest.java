package io.workerplatform.events;

/** Input of {@link DomainEventWorkflow}: which stored event to process, by its organization's id. */
public record EventRequest(String orgId, String eventId) {}
