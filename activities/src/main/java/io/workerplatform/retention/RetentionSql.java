package io.workerplatform.retention;

import static io.workerplatform.db.Tables.RETENTION_PERIODS;

import io.workerplatform.common.RenderedQuery;
import java.time.OffsetDateTime;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The parts of a retention step's statements that belong to the anonymizer: its parameters (bound
 * by {@link Scan#bind}), the organization's retention period and the worker's share of the rows.
 * A step's statement is rendered once ({@link io.workerplatform.common.RenderedQuery}): a run
 * executes thousands of them; constants are inlined, so it binds only named parameters.
 */
public final class RetentionSql {
  static final String DEFAULT_DAYS_NAME = "default_days";

  /** The run's time. */
  public static final Field<OffsetDateTime> NOW = DSL.param("now", OffsetDateTime.class);
  /** The batch size. */
  public static final Field<Integer> LIMIT = DSL.param("limit", Integer.class);
  /** Where the scan stands ({@link Scan#after()}). */
  public static final Field<String> AFTER = DSL.param("after", String.class);
  private static final Field<Integer> DEFAULT_DAYS = DSL.param(DEFAULT_DAYS_NAME, Integer.class);

  private RetentionSql() {}

  /** This worker's share of the rows, by a hash of {@code key}. */
  public static Condition share(Field<String> key) {
    return DSL.function("hashtext", Integer.class, key)
        .bitAnd(DSL.inline(Integer.MAX_VALUE))
        .mod(DSL.param("parts", Integer.class))
        .eq(DSL.param("part", Integer.class));
  }

  /** {@code table} with the retention period of its organization ({@code orgId}) for {@code category}. */
  public static Table<?> withRetention(Table<?> table, Field<String> orgId, String category) {
    return table.leftJoin(RETENTION_PERIODS)
        .on(RETENTION_PERIODS.ORG_ID.eq(orgId).and(RETENTION_PERIODS.CATEGORY.eq(DSL.inline(category))));
  }

  /**
   * Deleted (or created, for log rows) at least the retention days before the run's time: the
   * organization's period where {@link #withRetention} found one, else the category's default.
   */
  public static Condition pastRetention(Field<OffsetDateTime> since) {
    Field<Integer> days = DSL.coalesce(RETENTION_PERIODS.DAYS, DEFAULT_DAYS);
    return since.isNotNull().and(since.plus(days).le(NOW));
  }

  /**
   * One statement that deletes the rows {@code due} selects (their {@code key}, a batch) and, first,
   * their rows in {@code children} (whose {@code childKey} names them), returning the deleted rows'
   * {@code orgId}. The children go in the same statement: PostgreSQL runs a data-modifying WITH
   * whether or not it is read, and their foreign key is checked at the statement's end.
   */
  public static RenderedQuery deleteWithChildren(
      DSLContext dsl, ResultQuery<Record1<String>> due, Table<?> table, Field<String> key, Field<String> orgId,
      Table<?> children, Field<String> childKey) {
    CommonTableExpression<Record1<String>> gone = DSL.name("gone").fields("key").as(due);
    Field<String> goneKey = DSL.field(DSL.name("key"), String.class);
    CommonTableExpression<?> childrenGone = DSL.name("children_gone").as(
        DSL.deleteFrom(children).where(childKey.in(DSL.select(goneKey).from(gone))).returning(childKey));
    return RenderedQuery.of(dsl, DSL.with(gone).with(childrenGone)
        .delete(table)
        .where(key.in(DSL.select(goneKey).from(gone)))
        .returning(orgId));
  }

  /**
   * For a platform-wide log table (no organization, so no period of one): at least the category's
   * default days before the run's time.
   */
  public static Condition pastDefault(Field<OffsetDateTime> since) {
    return since.isNotNull().and(since.plus(DEFAULT_DAYS).le(NOW));
  }
}
