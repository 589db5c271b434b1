package io.workerplatform.events;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import io.workerplatform.common.RenderedQuery;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * One audit row per event: its organization, type (the action), the entity it is about, who
 * caused it and when. Ids only: the event's data, which may hold personal data, is not copied.
 * The event id is unique per organization in the audit log, so a retry finds its row. The insert
 * runs for every event, so it is rendered once (see {@link RenderedQuery}).
 */
public class AuditEventHandler implements EventHandler {
  /** The actor of events published without one (by the platform itself or an API key). */
  public static final String UNKNOWN_ACTOR = "unknown";

  private final DSLContext dsl;
  private final RenderedQuery insert;

  public AuditEventHandler(DSLContext dsl) {
    this.dsl = dsl;
    this.insert = RenderedQuery.of(dsl, AuditEventHandler::insertTemplate);
  }

  private static Query insertTemplate() {
    return DSL.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.ORG_ID, DSL.param("orgId", String.class))
        .set(AUDIT_LOG.EVENT_ID, DSL.param("eventId", String.class))
        .set(AUDIT_LOG.ACTOR, DSL.param("actor", String.class))
        .set(AUDIT_LOG.ACTION, DSL.param("action", String.class))
        .set(AUDIT_LOG.ENTITY_TYPE, DSL.param("entityType", String.class))
        .set(AUDIT_LOG.ENTITY_ID, DSL.param("entityId", String.class))
        .set(AUDIT_LOG.COUNTS, DSL.inline(JSONB.jsonb("{}")))
        .set(AUDIT_LOG.AT, DSL.param("at", OffsetDateTime.class))
        .onConflict(AUDIT_LOG.ORG_ID, AUDIT_LOG.EVENT_ID)
        .where(AUDIT_LOG.EVENT_ID.isNotNull())
        .doNothing();
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public void handle(HandledEvent event) {
    String type = event.type();
    int dot = type.indexOf('.');
    insert.bind()
        .set("orgId", event.orgId())
        .set("eventId", event.eventId())
        .set("actor", event.actor() == null ? UNKNOWN_ACTOR : event.actor())
        .set("action", type)
        .set("entityType", dot > 0 ? type.substring(0, dot) : type)
        .set("entityId", event.entityId())
        .set("at", event.createdAt().atOffset(ZoneOffset.UTC))
        .execute(dsl);
  }
}
