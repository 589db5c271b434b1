package io.workerplatform.common;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The application's tables live in one schema of the configured database (default {@code
 * platform}), so any existing database works without a {@code createdb} step. The jOOQ classes are
 * generated without a schema; these settings place them in the configured one.
 */
public final class PlatformDatabase {
  public static final String DEFAULT_SCHEMA = "platform";

  private PlatformDatabase() {}

  public static Settings settings(String schema) {
    return new Settings()
        .withRenderMapping(
            new RenderMapping().withSchemata(new MappedSchema().withInput("").withOutput(schema)));
  }

  /** Its data source heartbeats for an activity's batch while the pool is busy ({@link ConnectionWait}). */
  public static DSLContext dsl(DataSource dataSource, String schema) {
    return DSL.using(ConnectionWait.around(dataSource), SQLDialect.POSTGRES, settings(schema));
  }

  /** Applies the migrations to {@code schema}, creating it when missing. */
  public static void migrate(DataSource dataSource, String schema) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .defaultSchema(schema)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
