package io.workerplatform.common;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Counts per kind as the JSON objects of {@code jsonb} columns (cron runs, erasures, the audit log). */
public final class CountsJson {
  private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {};

  private CountsJson() {}

  /**
   * The counts as a {@code jsonb_build_object(...)} expression: PostgreSQL builds the object. The
   * kinds are the code's own names and the counts numbers, so both are inlined (a bind value
   * without a type would leave PostgreSQL unable to tell the key's type).
   */
  public static Field<JSONB> field(Map<String, Long> counts) {
    return DSL.jsonbObject(
        (counts == null ? Map.<String, Long>of() : counts).entrySet().stream()
            .map(e -> DSL.jsonEntry(DSL.inline(e.getKey()), DSL.inline(e.getValue())))
            .toList());
  }

  public static Map<String, Long> read(JsonMapper json, String counts) {
    try {
      return json.readValue(counts, COUNTS);
    } catch (JacksonException e) {
      throw new IllegalStateException("counts are not a JSON object of numbers: " + e.getOriginalMessage(), e);
    }
  }
}
