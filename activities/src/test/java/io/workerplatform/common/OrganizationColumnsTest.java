package io.workerplatform.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Every table whose rows belong to one organization names it (child tables too), so that every
 * query can filter by it: a new table without {@code org_id} fails here unless it is platform-wide.
 */
class OrganizationColumnsTest {
  /** Tables shared by the platform: they hold no organization's rows. */
  static final Set<String> PLATFORM_WIDE =
      Set.of(
          "organizations", "suppressions", "cron_runs", "cron_registrations", "cron_pauses", "flyway_schema_history",
          "email_send_budget", "task_queue_pauses");

  /**
   * Rows that may name no organization: an SES event about a message that is not ours, an audit
   * row of a platform-wide action.
   */
  static final Set<String> NULLABLE = Set.of("email_events", "audit_log");

  @Test
  void everyTableOfAnOrganizationsRowsNamesTheOrganization() throws Exception {
    try (TestDatabase db = TestDatabase.create("org_columns")) {
      List<String> tables = db.tables();
      assertThat(tables).contains("webhook_attempts", "signature_events", "bulk_send_recipients");

      for (String table : tables) {
        if (PLATFORM_WIDE.contains(table)) {
          continue;
        }
        String nullable = db.dsl.select(DSL.field("is_nullable", String.class))
            .from("information_schema.columns")
            .where(DSL.field("table_schema").eq(db.schema))
            .and(DSL.field("table_name").eq(table))
            .and(DSL.field("column_name").eq("org_id"))
            .fetchOne(0, String.class);
        assertThat(nullable).as(table + ".org_id").isNotNull();
        assertThat(nullable).as(table + ".org_id nullable").isEqualTo(NULLABLE.contains(table) ? "YES" : "NO");
      }
    }
  }
}
