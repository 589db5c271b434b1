package io.workerplatform.events;

/**
 * Input of {@link DomainEventWorkflow}: which stored event to process, by its organization's id;
 * {@code id}, the platform's own key for it, when the starter knows it (publishing and the relay
 * do; a hand-written CLI input may leave it out): the processing then reads the row by its
 * primary key.
 */
public record EventRequest(String orgId, String eventId, String id) {

  public EventRequest(String orgId, String eventId) {
    this(orgId, eventId, null);
  }
}
