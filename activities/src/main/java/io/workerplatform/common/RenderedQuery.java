package io.workerplatform.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import java.sql.Array;

/**
 * A jOOQ statement built and rendered to SQL once, then run with new values for its named
 * parameters straight through JDBC. Only for the anonymizer's batch statements, where the
 * benchmark shows that it pays: run with typed jOOQ they cost the worker host 11.4 to 12.0 ms of
 * CPU per 1,000 rows against 7.8 to 8.5, and the job fell below half of the set-based ceiling
 * (docs/benchmarks.md). On the webhook and email paths typed jOOQ measured the same, so they use
 * it. The SQL is still jOOQ's, from the generated classes; only the rendering is not repeated.
 *
 * <p>Parameters are {@code DSL.param("name", type)} placeholders (a name may appear more than
 * once); any other bind value of the template is a constant. Instances are immutable and
 * thread-safe.
 */
public final class RenderedQuery {
  private static final Pattern NAMED_PLACEHOLDER = Pattern.compile(":([A-Za-z0-9_]+)");

  private final String sql;
  /** The parameter of each placeholder, in the order of the placeholders. */
  private final List<Param<?>> placeholders;
  private final Set<String> names;
  private final Field<?>[] fields;

  private RenderedQuery(String sql, List<Param<?>> placeholders, Field<?>[] fields) {
    this.sql = sql;
    this.placeholders = placeholders;
    this.names =
        placeholders.stream()
            .map(Param::getParamName)
            .filter(RenderedQuery::isName)
            .collect(Collectors.toUnmodifiableSet());
    this.fields = fields;
  }

  /** Renders {@code template} with the settings (schema mapping) of {@code dsl}. */
  public static RenderedQuery of(DSLContext dsl, Query template) {
    String sql = dsl.render(template);
    Map<String, Param<?>> byName = dsl.extractParams(template);
    // The same statement rendered with names instead of question marks tells which is which.
    List<Param<?>> placeholders = new ArrayList<>();
    Matcher named = NAMED_PLACEHOLDER.matcher(outsideQuotes(dsl.renderNamedParams(template)));
    while (named.find()) {
      Param<?> param = byName.get(named.group(1));
      if (param == null) {
        throw new IllegalArgumentException("unknown parameter :" + named.group(1) + " in " + sql);
      }
      placeholders.add(param);
    }
    int questionMarks = (int) outsideQuotes(sql).chars().filter(c -> c == '?').count();
    if (questionMarks != placeholders.size()) {
      throw new IllegalArgumentException(
          questionMarks + " placeholders but " + placeholders.size() + " parameters in " + sql);
    }
    Field<?>[] fields =
        template instanceof ResultQuery<?> result ? result.fields() : new Field<?>[0];
    // Rows are read back by field; two columns of one name would be read as the first of them.
    Set<String> columnNames = new HashSet<>();
    for (Field<?> field : fields) {
      if (!columnNames.add(field.getName())) {
        throw new IllegalArgumentException(
            "two columns are named " + field.getName() + ": alias one of them in " + sql);
      }
    }
    return new RenderedQuery(sql, List.copyOf(placeholders), fields);
  }

  /** Whether the statement has a parameter of this name. */
  public boolean takes(String name) {
    return names.contains(name);
  }

  public Bound bind() {
    return new Bound();
  }

  String sql() {
    return sql;
  }

  /** One execution's values; every named parameter must be set (null is a value). */
  public final class Bound {
    private final Map<String, Object> values = new HashMap<>();

    private Bound() {}

    public Bound set(String name, Object value) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("no parameter " + name + " in " + sql);
      }
      values.put(name, value);
      return this;
    }

    /** Runs a statement without a result; the number of rows it changed. */
    public int execute(DSLContext dsl) {
      Object[] values = bindings();
      return dsl.connectionResult(connection -> {
        try (PreparedStatement statement = prepare(connection, values)) {
          return statement.executeUpdate();
        } catch (SQLException e) {
          throw failed(e);
        }
      });
    }

    /** Runs a query (or a statement with RETURNING): its rows, typed as the template's fields. */
    public Result<Record> fetch(DSLContext dsl) {
      Object[] values = bindings();
      return dsl.connectionResult(connection -> {
        try (PreparedStatement statement = prepare(connection, values);
            ResultSet rows = statement.executeQuery()) {
          Result<Record> result = dsl.newResult(fields);
          while (rows.next()) {
            Record record = dsl.newRecord(fields);
            for (int i = 0; i < fields.length; i++) {
              record.set(field(i), column(rows, i + 1, fields[i].getType()));
            }
            record.changed(false);
            result.add(record);
          }
          return result;
        } catch (SQLException e) {
          throw failed(e);
        }
      });
    }

    @SuppressWarnings("unchecked")
    private Field<Object> field(int index) {
      return (Field<Object>) fields[index];
    }

    /** The value of each placeholder in order; a constant of the template keeps its own. */
    private Object[] bindings() {
      if (values.size() != names.size()) {
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(values.keySet());
        throw new IllegalStateException("parameters not set: " + missing + " in " + sql);
      }
      Object[] bindings = new Object[placeholders.size()];
      for (int i = 0; i < bindings.length; i++) {
        Param<?> param = placeholders.get(i);
        bindings[i] = isName(param.getParamName()) ? values.get(param.getParamName()) : param.getValue();
      }
      return bindings;
    }

    private PreparedStatement prepare(Connection connection, Object[] values) throws SQLException {
      PreparedStatement statement = connection.prepareStatement(sql);
      try {
        for (int i = 0; i < values.length; i++) {
          bind(statement, i + 1, values[i], placeholders.get(i).getDataType());
        }
        return statement;
      } catch (SQLException | RuntimeException e) {
        statement.close();
        throw e;
      }
    }

    private DataAccessException failed(SQLException e) {
      return new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
    }
  }

  /**
   * Binds as jOOQ would for the types these statements use; the rendered SQL already casts where
   * PostgreSQL needs to be told the type (JSONB travels as its text).
   */
  private static void bind(PreparedStatement statement, int index, Object value, DataType<?> type)
      throws SQLException {
    switch (value) {
      case null -> statement.setNull(index, type.getSQLType());
      case JSONB json -> statement.setString(index, json.data());
      case JSON json -> statement.setString(index, json.data());
      case String[] array -> statement.setArray(index, statement.getConnection().createArrayOf("varchar", array));
      default -> statement.setObject(index, value);
    }
  }

  private static Object column(ResultSet rows, int index, Class<?> type) throws SQLException {
    if (type == JSONB.class) {
      return JSONB.jsonbOrNull(rows.getString(index));
    }
    if (type == JSON.class) {
      return JSON.jsonOrNull(rows.getString(index));
    }
    if (type.isArray()) {
      Array array = rows.getArray(index);
      if (array == null) {
        return null;
      }
      Object[] elements = (Object[]) array.getArray();
      return Arrays.copyOf(elements, elements.length, type.asSubclass(Object[].class));
    }
    return rows.getObject(index, type);
  }

  /** Unnamed bind values are keyed by their position. */
  private static boolean isName(String name) {
    return name != null && !name.isEmpty() && !name.chars().allMatch(Character::isDigit);
  }

  /** The SQL with quoted identifiers and literals blanked out, so only placeholders remain. */
  private static String outsideQuotes(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    char quote = 0;
    for (char c : sql.toCharArray()) {
      if (quote != 0) {
        out.append(' ');
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
