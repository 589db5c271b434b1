package io.workerplatform.host.db;

import static io.workerplatform.db.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.host.support.HostTest;
import org.springframework.beans.factory.annotation.Value;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A capability's own migrations run after the platform's, with a history of their own. */
@HostTest
@Import(CapabilitySchemaTest.Example.class)
class CapabilitySchemaTest {
  @TestConfiguration(proxyBeanMethods = false)
  static class Example {
    @Bean
    CapabilitySchema exampleSchema() {
      return new CapabilitySchema("example", "classpath:db/capabilities/example");
    }
  }

  @Autowired DSLContext dsl;
  @Value("${platform.db.schema}") String schema;

  @Test
  void aRegisteredCapabilitysMigrationsRunInTheHostsSchemaWithTheirOwnHistory() {
    dsl.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, "org-notes").set(ORGANIZATIONS.NAME, "Notes").execute();
    dsl.execute("insert into " + schema + ".example_notes (id, org_id, body) values ('n1', 'org-notes', 'a note')");

    assertThat(dsl.fetchValue("select body from " + schema + ".example_notes where id = 'n1'")).isEqualTo("a note");
    assertThat(dsl.fetch("select version, success from " + schema + ".flyway_history_example where version = '1'"))
        .singleElement().satisfies(r -> assertThat(r.get("success", Boolean.class)).isTrue());
    // the platform's history knows nothing of it
    assertThat(dsl.fetchCount(DSL.table(DSL.name(schema, "flyway_schema_history")), DSL.field("script").contains("example_notes")))
        .isZero();
    assertThatThrownBy(() -> new CapabilitySchema("Bad Name", "classpath:x")).hasMessageContaining("[a-z]");
  }
}
