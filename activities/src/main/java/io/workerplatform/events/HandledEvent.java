package io.workerplatform.events;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stored event as a handler sees it. {@code id} is the platform's own key (what rows of other
 * tables reference); {@code eventId} is the organization's id for it. The data is parsed only
 * when a handler asks for it.
 */
public final class HandledEvent {
  private final EventStore.EventRow row;
  private final JsonMapper json;
  private final String workflowId;
  private final int attempt;
  private JsonNode data;

  HandledEvent(EventStore.EventRow row, JsonMapper json, String workflowId, int attempt) {
    this.row = row;
    this.json = json;
    this.workflowId = workflowId;
    this.attempt = attempt;
  }

  public String id() {
    return row.id();
  }

  public String orgId() {
    return row.orgId();
  }

  public String eventId() {
    return row.eventId();
  }

  public String type() {
    return row.type();
  }

  /** The entity the event is about (an id), or null. */
  public String entityId() {
    return row.entityId();
  }

  /** Who or what caused it (an id), or null. */
  public String actor() {
    return row.actor();
  }

  public Instant createdAt() {
    return row.createdAt();
  }

  /**
   * Whether its webhook deliveries were created as it was stored (published for now through the
   * REST API); false for a delayed event and for one from an API's own transaction (the outbox).
   */
  public boolean fannedOut() {
    return row.fannedOut();
  }

  /** The id of the workflow processing it: a stable prefix for per-event idempotency keys. */
  public String workflowId() {
    return workflowId;
  }

  /** Which try of the handler this is, from 1. */
  public int attempt() {
    return attempt;
  }

  public synchronized JsonNode data() {
    if (data == null) {
      data = json.readTree(row.dataJson());
    }
    return data;
  }
}
