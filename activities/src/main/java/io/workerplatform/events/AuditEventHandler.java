package io.workerplatform.events;

import io.workerplatform.audit.AuditLog;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * One audit row per event: its organization, type (the action), the entity it is about, who
 * caused it and when. Ids only: the event's data, which may hold personal data, is not copied.
 * The event id is unique per organization in the audit log, so a retry finds its row.
 */
public class AuditEventHandler implements EventHandler {
  /** The actor of events published without one (by the platform itself or an API key). */
  public static final String UNKNOWN_ACTOR = "unknown";

  private final DSLContext dsl;

  public AuditEventHandler(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public void handle(HandledEvent event) {
    String type = event.type();
    int dot = type.indexOf('.');
    AuditLog.recordEvent(
        dsl, event.orgId(), event.eventId(), event.actor() == null ? UNKNOWN_ACTOR : event.actor(), type,
        dot > 0 ? type.substring(0, dot) : type, event.entityId(), event.createdAt().atOffset(ZoneOffset.UTC));
  }
}
