package io.workerplatform.common;

import static io.workerplatform.db.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RenderedQueryTest {
  private static final TestDatabase db = TestDatabase.create("rendered_query");
  private static final OffsetDateTime NOW =
      OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

  @AfterAll
  static void dropSchema() throws Exception {
    db.close();
  }

  private final RenderedQuery insert =
      RenderedQuery.of(
          db.dsl,
          DSL.insertInto(ORGANIZATIONS)
              .set(ORGANIZATIONS.ID, DSL.param("id", String.class))
              // the same parameter twice, and a constant of the template
              .set(ORGANIZATIONS.NAME, DSL.concat(DSL.param("name", String.class), DSL.val(" / "), DSL.param("name", String.class)))
              .set(ORGANIZATIONS.CREATED_AT, DSL.param("createdAt", OffsetDateTime.class))
              .onConflictDoNothing()
              .returningResult(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.CREATED_AT));

  @Test
  void runsTheRenderedStatementWithNewValuesEachTime() {
    Record first =
        insert.bind().set("id", "org_r1").set("name", "Acme").set("createdAt", NOW).fetch(db.dsl).get(0);
    Record second =
        insert.bind().set("id", "org_r2").set("name", "Beta").set("createdAt", NOW).fetch(db.dsl).get(0);

    assertThat(first.get(ORGANIZATIONS.ID)).isEqualTo("org_r1");
    assertThat(first.get(ORGANIZATIONS.NAME)).isEqualTo("Acme / Acme");
    assertThat(first.get(ORGANIZATIONS.CREATED_AT)).isEqualTo(NOW);
    assertThat(second.get(ORGANIZATIONS.NAME)).isEqualTo("Beta / Beta");
    assertThat(db.dsl.fetchValue(ORGANIZATIONS.NAME, ORGANIZATIONS.ID.eq("org_r2"))).isEqualTo("Beta / Beta");
    // rendered for this test's schema, once
    assertThat(insert.sql()).contains("\"" + db.schema + "\".\"organizations\"").contains("?");
  }

  @Test
  void anExecutionWithoutAValueIsRefusedBeforeReachingTheDatabase() {
    assertThatThrownBy(() -> insert.bind().set("id", "org_r3").set("createdAt", NOW).fetch(db.dsl))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("parameters not set: [name]");
    assertThatThrownBy(() -> insert.bind().set("nmae", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no parameter nmae");
    assertThat(db.dsl.fetchCount(ORGANIZATIONS, ORGANIZATIONS.ID.eq("org_r3"))).isZero();
  }

  @Test
  void aStatementWithoutResultReportsTheRowsItChanged() {
    db.dsl.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, "org_r4").set(ORGANIZATIONS.NAME, "Old")
        .set(ORGANIZATIONS.CREATED_AT, NOW).execute();
    RenderedQuery rename =
        RenderedQuery.of(
            db.dsl,
            DSL.update(ORGANIZATIONS)
                .set(ORGANIZATIONS.NAME, DSL.param("name", String.class))
                .where(ORGANIZATIONS.ID.eq(DSL.param("id", String.class))));

    assertThat(rename.bind().set("name", "New").set("id", "org_r4").execute(db.dsl)).isEqualTo(1);
    assertThat(rename.bind().set("name", "New").set("id", "org_missing").execute(db.dsl)).isZero();
    assertThat(db.dsl.fetchValue(ORGANIZATIONS.NAME, ORGANIZATIONS.ID.eq("org_r4"))).isEqualTo("New");
  }

  @Test
  void columnsOfTheSameNameAreRefusedWhenRendering() {
    assertThatThrownBy(
            () ->
                RenderedQuery.of(
                    db.dsl,
                    DSL.select(ORGANIZATIONS.ID, ORGANIZATIONS.as("o").ID)
                        .from(ORGANIZATIONS)
                        .crossJoin(ORGANIZATIONS.as("o"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two columns are named id");
  }

  @Test
  void aNullIsBoundAsSqlNullAndARefusalCarriesItsSqlState() {
    RenderedQuery named =
        RenderedQuery.of(
            db.dsl,
            DSL.select(DSL.coalesce(DSL.param("name", String.class), DSL.val("none")).as("name")));
    assertThat(named.bind().set("name", null).fetch(db.dsl).get(0).get("name")).isEqualTo("none");

    assertThatThrownBy(() -> insert.bind().set("id", "org_r5").set("name", null).set("createdAt", NOW).fetch(db.dsl))
        .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(e.sqlState()).isEqualTo("23502"))
        .hasMessageContaining("organizations");
    assertThat(db.dsl.fetchCount(ORGANIZATIONS, ORGANIZATIONS.ID.eq("org_r5"))).isZero();
  }
}
