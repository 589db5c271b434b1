package io.workerplatform.host.db;

import io.workerplatform.common.PlatformDatabase;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform's own jOOQ context on the pooled data source: the generated classes carry no
 * schema, so queries go to {@code platform.db.schema}. Transactions are jOOQ's (no code here uses
 * Spring's), which spares every statement Spring's transaction-aware connection proxy and
 * exception translation; Spring Boot still runs Flyway before this bean is used.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Bean
  DSLContext dslContext(DataSource dataSource, @Value("${platform.db.schema}") String schema) {
    return PlatformDatabase.dsl(dataSource, schema);
  }

  /**
   * The platform's migrations, then each registered {@link CapabilitySchema}'s with its own history
   * table (baselined at 0 in a schema that already holds the platform's tables).
   */
  @Bean
  FlywayMigrationStrategy capabilityMigrations(List<CapabilitySchema> capabilities) {
    return flyway -> {
      flyway.migrate();
      for (CapabilitySchema capability : capabilities) {
        Flyway.configure()
            .configuration(flyway.getConfiguration())
            .locations(capability.location())
            .table("flyway_history_" + capability.name())
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
      }
    };
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
