package io.workerplatform.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated schema of its own in the local PostgreSQL for one test class, dropped on close.
 * {@code TEST_DATABASE_URL} (default the local {@code postgres} database) picks the server.
 */
public final class TestDatabase implements AutoCloseable {
  public final String schema;
  public final DataSource dataSource;
  public final DSLContext dsl;

  private TestDatabase(String schema, DataSource dataSource) {
    this(schema, dataSource, dataSource);
  }

  /** Migrated through {@code migrateWith}: Flyway holds two connections, more than a tiny pool has. */
  private TestDatabase(String schema, DataSource dataSource, DataSource migrateWith) {
    this.schema = schema;
    this.dataSource = dataSource;
    PlatformDatabase.migrate(migrateWith, schema);
    this.dsl = PlatformDatabase.dsl(dataSource, schema);
  }

  public static TestDatabase create(String name) {
    return new TestDatabase(schemaName(name), dataSource());
  }

  /** On a HikariCP pool of {@code size} connections, as the host runs (closed with the database). */
  public static TestDatabase pooled(String name, int size) {
    com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
    pool.setJdbcUrl(System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"));
    pool.setUsername(System.getenv().getOrDefault("TEST_DATABASE_USER", "postgres"));
    pool.setMaximumPoolSize(size);
    pool.setConnectionTimeout(30_000);
    return new TestDatabase(schemaName(name), pool, dataSource());
  }

  private static String schemaName(String name) {
    return ("t_" + name + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
  }

  /** Every table of this database's schema. */
  public java.util.List<String> tables() {
    return tables(dsl, schema);
  }

  /** Every table of {@code schema}. */
  public static java.util.List<String> tables(DSLContext dsl, String schema) {
    return dsl.select(org.jooq.impl.DSL.field("table_name", String.class))
        .from("information_schema.tables")
        .where(org.jooq.impl.DSL.field("table_schema").eq(schema))
        .fetch(0, String.class);
  }

  /** The tests' JSON mapper, as the host's (Jackson 3) but without Spring. */
  public static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  /** A secret box with a fixed test key. */
  public static final SecretBox SECRETS = new SecretBox(new byte[32], java.util.List.of());

  /** The webhook store of this database, sealing secrets with {@link #SECRETS}. */
  public io.workerplatform.webhooks.WebhookStore webhookStore() {
    return new io.workerplatform.webhooks.WebhookStore(dsl, java.time.Clock.systemUTC(), SECRETS, JSON);
  }

  public io.workerplatform.events.EventStore eventStore() {
    return new io.workerplatform.events.EventStore(dsl, java.time.Clock.systemUTC(), new io.workerplatform.webhooks.DeliveryFanOut());
  }

  /** Stores an event for now, with the deliveries it fans out to. */
  public io.workerplatform.events.EventStore.StoredEvent storeEvent(String orgId, String eventId, String type, String data) {
    return eventStore().store(new io.workerplatform.events.EventStore.NewEvent(orgId, eventId, type, data, null, null, null, null));
  }

  /** Creates an open petition of the organization; returns its id. */
  public String petition(String orgId, String title) {
    return new io.workerplatform.petitions.PetitionStore(dsl, java.time.Clock.systemUTC()).create(orgId, title).id();
  }

  /** Creates organization {@code id} (named as its id) in {@code timeZone}; returns the id. */
  public String organization(String id, String timeZone) {
    organizations().create(id, id);
    dsl.update(io.workerplatform.db.Tables.ORGANIZATIONS)
        .set(io.workerplatform.db.Tables.ORGANIZATIONS.TIME_ZONE, timeZone)
        .where(io.workerplatform.db.Tables.ORGANIZATIONS.ID.eq(id))
        .execute();
    return id;
  }

  public io.workerplatform.organizations.OrganizationStore organizations() {
    return new io.workerplatform.organizations.OrganizationStore(dsl, java.time.Clock.systemUTC());
  }

  /** The subscription store of this database, sealing secrets with {@link #SECRETS}. */
  public io.workerplatform.webhooks.SubscriptionStore subscriptionStore() {
    return new io.workerplatform.webhooks.SubscriptionStore(dsl, java.time.Clock.systemUTC(), SECRETS);
  }

  /**
   * A message the organization sent the contact ({@code SENT}, SES id {@code "ses-" + key}) and
   * one SES event about it ({@code "sns-" + key}) naming {@code recipient}.
   */
  /** A bulk send's message to {@code contactId}, recorded SENT at {@code at} (a reminder counts from it). */
  public void bulkSendMessageSent(String orgId, String bulkSendId, String contactId, java.time.OffsetDateTime at) {
    var m = io.workerplatform.db.Tables.EMAIL_MESSAGES;
    dsl.insertInto(m)
        .set(m.DEDUPE_KEY, "bulk-send/" + bulkSendId + "/recipient/" + contactId)
        .set(m.ORG_ID, orgId)
        .set(m.CONTACT_ID, contactId)
        .set(m.TEMPLATE, "petition-invite")
        .set(m.BULK_SEND_ID, bulkSendId)
        .set(m.STATE, "SENT")
        .set(m.CREATED_AT, at)
        .set(m.UPDATED_AT, at)
        .execute();
  }

  public void messageWithEvent(String orgId, String contactId, String key, String type, String recipient) {
    dsl.insertInto(io.workerplatform.db.Tables.EMAIL_MESSAGES)
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.DEDUPE_KEY, key)
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.ORG_ID, orgId)
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.CONTACT_ID, contactId)
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.TEMPLATE, "petition-invite")
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.STATE, "SENT")
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.SES_MESSAGE_ID, "ses-" + key)
        .execute();
    dsl.insertInto(io.workerplatform.db.Tables.EMAIL_EVENTS)
        .set(io.workerplatform.db.Tables.EMAIL_EVENTS.SNS_MESSAGE_ID, "sns-" + key)
        .set(io.workerplatform.db.Tables.EMAIL_EVENTS.ORG_ID, orgId)
        .set(io.workerplatform.db.Tables.EMAIL_EVENTS.NOTIFICATION_TYPE, type)
        .set(io.workerplatform.db.Tables.EMAIL_EVENTS.SES_MESSAGE_ID, "ses-" + key)
        .set(io.workerplatform.db.Tables.EMAIL_EVENTS.RECIPIENT, recipient)
        .set(io.workerplatform.db.Tables.EMAIL_EVENTS.RAW, org.jooq.JSONB.jsonb("{\"to\":\"" + recipient + "\"}"))
        .execute();
  }

  /** The suppression list of this database, with a fixed test key. */
  public io.workerplatform.email.SuppressionList suppressions() {
    return new io.workerplatform.email.SuppressionList(
        dsl, "test-suppression-key-not-for-production".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(
        System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"));
    dataSource.setUser(System.getenv().getOrDefault("TEST_DATABASE_USER", "postgres"));
    return dataSource;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
    }
    if (dataSource instanceof AutoCloseable pool) {
      try {
        pool.close();
      } catch (Exception e) {
        throw new SQLException(e);
      }
    }
  }
}
