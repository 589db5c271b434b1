package io.workerplatform.starters;

import io.workerplatform.events.EventInsert;
import io.workerplatform.events.EventTypes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import io.workerplatform.events.EventFields;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes domain events from a Spring Boot API that shares the platform's database: a
 * transactional outbox. {@link #publish} writes the event with the caller's own transaction (the
 * event exists if and only if the caller's change commits) and starts its processing after the
 * commit; if the process dies in between, the platform's relay starts it. The event's data stays
 * in PostgreSQL: the workflow's input is its ids.
 *
 * <p>The event is written with one SQL statement through Spring's {@link JdbcClient} on the
 * caller's {@code DataSource}, joining its transaction: an API application has neither the
 * platform's jOOQ classes nor its stores on its class path, and needs none for one insert. The
 * statement is {@link EventInsert}'s, the host's own: the same row, and the ordering key's lock
 * held until the caller commits.
 */
public class DomainEvents {
  private static final Logger log = LoggerFactory.getLogger(DomainEvents.class);
  private static final Pattern ID = EventFields.ID;
  private static final Pattern ORDERING_KEY = EventFields.ORDERING_KEY;
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  /** A value's placeholder in {@link EventInsert#TEMPLATE}, written as a named parameter here. */
  private static final Pattern INSERT_PARAMETER = Pattern.compile("\\{([1-9][0-9]*)}");

  /**
   * One event to publish. {@code eventId} is the organization's own id for it (null: a new one);
   * {@code processAt} null processes it now.
   */
  public record Event(
      String orgId, String eventId, String type, JsonNode data, String entityId, String actor, Instant processAt,
      String orderingKey) {

    public static Event of(String orgId, String type, JsonNode data) {
      return new Event(orgId, null, type, data, null, null, null, null);
    }

    public Event withId(String id) {
      return new Event(orgId, id, type, data, entityId, actor, processAt, orderingKey);
    }

    public Event about(String entity, String byActor) {
      return new Event(orgId, eventId, type, data, entity, byActor, processAt, orderingKey);
    }

    public Event at(Instant when) {
      return new Event(orgId, eventId, type, data, entityId, actor, when, orderingKey);
    }

    public Event orderedBy(String key) {
      return new Event(orgId, eventId, type, data, entityId, actor, processAt, key);
    }
  }

  /** A refused event: which field, and why. */
  public static class InvalidEventException extends IllegalArgumentException {
    private final String field;

    public InvalidEventException(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private final JdbcClient jdbc;
  private final String table;
  /** {@link EventInsert#TEMPLATE} on this table, its values as named parameters {@code :p1}... */
  private final String insert;
  private final EventProcessing processing;
  private final EventTypes types;
  private final Set<String> lowPriorityTypes;
  private final JsonMapper json;

  /**
   * @param schema the platform's database schema ({@code platform.db.schema}, by default
   *     {@code platform})
   */
  public DomainEvents(
      JdbcClient jdbc, String schema, EventProcessing processing, EventTypes types, Set<String> lowPriorityTypes,
      JsonMapper json) {
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema '" + schema + "' is not a plain schema name");
    }
    this.jdbc = jdbc;
    this.table = schema + ".domain_events";
    this.insert = INSERT_PARAMETER.matcher(EventInsert.TEMPLATE.replace("{0}", table)).replaceAll(":p$1");
    this.processing = processing;
    this.types = types;
    this.lowPriorityTypes = Set.copyOf(lowPriorityTypes);
    this.json = json;
  }

  /**
   * Writes the event in the current transaction (or on its own without one) and starts its
   * processing once that commits. Publishing an id again stores nothing new.
   *
   * @return the event's id
   * @throws InvalidEventException when a field is missing or too long, the type is not declared,
   *     or the data breaks the type's schema (nothing is written then)
   */
  public String publish(Event event) {
    String orgId = require("orgId", event.orgId(), ID);
    String eventId = event.eventId() == null ? "evt_" + hex() : require("eventId", event.eventId(), ID);
    String type = event.type();
    if (type == null || !types.isDeclared(type)) {
      throw new InvalidEventException("type", "is not a declared event type");
    }
    JsonNode data = event.data() == null ? json.createObjectNode() : event.data();
    if (!data.isObject()) {
      throw new InvalidEventException("data", "must be a JSON object");
    }
    types.check(type, data).ifPresent(p -> {
      throw new InvalidEventException(p.field(), p.message());
    });
    String entityId = event.entityId() == null ? null : require("entityId", event.entityId(), ID);
    String actor = event.actor() == null ? null : require("actor", event.actor(), ID);
    String orderingKey = event.orderingKey() == null ? null : require("orderingKey", event.orderingKey(), ORDERING_KEY);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    EventInsert row = new EventInsert(
        "evt_" + hex(), eventId, orgId, type, data.toString(), event.processAt(), orderingKey, entityId, actor, now,
        false);
    StatementSpec statement = jdbc.sql(insert);
    List<Object> values = row.values();
    for (int i = 0; i < values.size(); i++) {
      statement = statement.param("p" + (i + 1), values.get(i));
    }
    Optional<String> inserted = statement.query(String.class).optional();
    if (inserted.isEmpty()) {
      return eventId; // published before: the first publish (or the relay) starts it
    }
    String id = inserted.get();
    OutboxStart.afterCommit(jdbc, table, id,
        () -> processing.start(orgId, eventId, id, type, lowPriorityTypes.contains(type)), log,
        "Event " + eventId + " of organization " + orgId);
    return eventId;
  }

  private static String require(String field, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidEventException(field, "must match " + pattern.pattern());
    }
    return value;
  }

  private static String hex() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
