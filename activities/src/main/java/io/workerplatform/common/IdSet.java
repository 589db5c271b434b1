package io.workerplatform.common;

import java.util.Collection;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A batch's ids as one array parameter ({@code = any(?)}) rather than an {@code IN} list of one
 * parameter each: every batch then sends the same statement text whatever its size, and a batch
 * of 500 contacts, named in nine statements, binds nine parameters instead of 4,500.
 */
public final class IdSet {
  private IdSet() {}

  /** The ids bound now, in a statement built with its values. */
  public static Condition in(Field<String> field, Collection<String> ids) {
    return field.eq(DSL.any(DSL.val(ids.toArray(String[]::new), SQLDataType.VARCHAR.array())));
  }

  /**
   * The ids as the named parameter {@code parameter}, in a statement rendered once ({@link
   * RenderedQuery}); each execution sets it to a {@code String[]}.
   */
  public static Condition in(Field<String> field, String parameter) {
    return field.eq(DSL.any(DSL.param(parameter, SQLDataType.VARCHAR.array())));
  }
}
