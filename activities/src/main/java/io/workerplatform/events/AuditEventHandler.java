package io.workerplatform.events;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.JSONB;

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
    dsl.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.ORG_ID, event.orgId())
        .set(AUDIT_LOG.EVENT_ID, event.eventId())
        .set(AUDIT_LOG.ACTOR, event.actor() == null ? UNKNOWN_ACTOR : event.actor())
        .set(AUDIT_LOG.ACTION, type)
        .set(AUDIT_LOG.ENTITY_TYPE, dot > 0 ? type.substring(0, dot) : type)
        .set(AUDIT_LOG.ENTITY_ID, event.entityId())
        .set(AUDIT_LOG.COUNTS, JSONB.jsonb("{}"))
        .set(AUDIT_LOG.AT, event.createdAt().atOffset(ZoneOffset.UTC))
        .onConflict(AUDIT_LOG.ORG_ID, AUDIT_LOG.EVENT_ID)
        .where(AUDIT_LOG.EVENT_ID.isNotNull())
        .doNothing()
        .execute();
  }
}
