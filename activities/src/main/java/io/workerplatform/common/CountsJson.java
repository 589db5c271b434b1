package io.workerplatform.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts per kind as the JSON objects of {@code jsonb} columns (cron runs, erasures, the audit log). */
public final class CountsJson {
  private static final ObjectMapper json = new ObjectMapper();

  private CountsJson() {}

  public static String write(Map<String, Long> counts) {
    try {
      return json.writeValueAsString(counts == null ? Map.of() : counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, Long> read(String counts) {
    try {
      return json.readValue(counts, new TypeReference<LinkedHashMap<String, Long>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("counts are not a JSON object of numbers: " + e.getOriginalMessage(), e);
    }
  }
}
