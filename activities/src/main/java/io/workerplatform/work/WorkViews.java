package io.workerplatform.work;

import io.workerplatform.common.Page;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The lists and counts behind the queue stats: per registered {@link WorkKind}, its rows by status,
 * newest first, read from the application's tables (the embedded server has no visibility queries).
 * Each item names its workflow, for the Temporal Web UI. It knows no capability's tables: only
 * what their kinds and {@link MinuteCounts} declare.
 */
public class WorkViews {
  /** Filters of a list: a status, and a creation time range. */
  public record Filter(Optional<String> status, Optional<Instant> since, Optional<Instant> until) {
    public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty());
  }

  private final DSLContext dsl;
  private final List<WorkKind<?>> kinds;
  private final List<MinuteCounts> series;

  public WorkViews(DSLContext dsl, List<? extends WorkKind<?>> kinds, List<? extends MinuteCounts> series) {
    this.dsl = dsl;
    List<WorkKind<?>> ordered = new ArrayList<>(kinds);
    ordered.sort(Comparator.comparingInt(WorkKind::order));
    this.kinds = List.copyOf(ordered);
    this.series = List.copyOf(series);
  }

  /** Every registered kind, by ascending order. */
  public List<WorkKind<?>> kinds() {
    return kinds;
  }

  /** The registered kind whose list is at {@code path}. */
  public Optional<WorkKind<?>> kind(String path) {
    return kinds.stream().filter(k -> k.path().equals(path)).findFirst();
  }

  /** One page of the organization's work of this kind, newest first. */
  public <T> Page<T> list(WorkKind<T> kind, String orgId, Filter filter, int limit, Optional<Page.After> after) {
    return list(kind, orgId, filter, DSL.noCondition(), limit, after);
  }

  /** The same, narrowed by a condition of the kind's own (an event's type, say). */
  public <T> Page<T> list(
      WorkKind<T> kind, String orgId, Filter filter, Condition narrowed, int limit, Optional<Page.After> after) {
    Condition where = kind.orgId().eq(orgId).and(narrowed);
    if (filter.status().isPresent()) {
      where = where.and(kind.status().eq(filter.status().get()));
    }
    if (filter.since().isPresent()) {
      where = where.and(kind.createdAt().ge(filter.since().get().atOffset(ZoneOffset.UTC)));
    }
    if (filter.until().isPresent()) {
      where = where.and(kind.createdAt().lt(filter.until().get().atOffset(ZoneOffset.UTC)));
    }
    if (after.isPresent()) {
      where = where.and(DSL.row(kind.createdAt(), kind.id()).lt(after.get().createdAt(), after.get().id()));
    }
    List<Record> rows =
        kind.joins()
            .apply(dsl.select().from(kind.table()))
            .where(where)
            .orderBy(kind.createdAt().desc(), kind.id().desc())
            .limit(limit + 1)
            .fetch();
    return Page.of(rows, limit, r -> r.get(kind.createdAt()), r -> r.get(kind.id()), kind.item());
  }

  /**
   * Counts by status of every kind, for one organization or (null) all of them (a kind of no
   * organization, such as cron runs, only then): every known status is present, with 0 when none
   * is in it, followed by the {@link Phases#KEYS}: work waiting and running now, work completed and
   * failed in the last hour and day before {@code now}. One statement per kind.
   */
  public Map<String, Map<String, Long>> counts(String orgIdOrAll, Instant now) {
    Map<String, Map<String, Long>> all = new LinkedHashMap<>();
    for (WorkKind<?> kind : kinds) {
      if (orgIdOrAll != null && !kind.perOrganization()) {
        continue;
      }
      all.put(kind.key(), counts(kind, orgIdOrAll, now.atOffset(ZoneOffset.UTC)));
    }
    return all;
  }

  private Map<String, Long> counts(WorkKind<?> kind, String orgIdOrAll, OffsetDateTime now) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    Map<String, Long> lastHour = new HashMap<>();
    Map<String, Long> lastDay = new HashMap<>();
    kind.statuses().forEach(s -> byStatus.put(s, 0L));
    Field<OffsetDateTime> ended = DSL.coalesce(kind.phases().endedAt(), kind.createdAt());
    Condition where = orgIdOrAll == null ? DSL.noCondition() : kind.orgId().eq(orgIdOrAll);
    dsl.select(
            kind.status(),
            DSL.count(),
            DSL.count().filterWhere(ended.ge(now.minusHours(1))),
            DSL.count().filterWhere(ended.ge(now.minusDays(1))))
        .from(kind.table())
        .where(where)
        .groupBy(kind.status())
        .fetch()
        .forEach(r -> {
          byStatus.put(r.value1(), r.value2().longValue());
          lastHour.put(r.value1(), r.value3().longValue());
          lastDay.put(r.value1(), r.value4().longValue());
        });
    Phases phases = kind.phases();
    Map<String, Long> counts = new LinkedHashMap<>(byStatus);
    counts.put("waiting", sum(byStatus, phases.waiting()));
    counts.put("running", sum(byStatus, phases.running()));
    counts.put("completedLastHour", sum(lastHour, phases.completed()));
    counts.put("completedLastDay", sum(lastDay, phases.completed()));
    counts.put("failedLastHour", sum(lastHour, phases.failed()));
    counts.put("failedLastDay", sum(lastDay, phases.failed()));
    return counts;
  }

  private static long sum(Map<String, Long> counts, List<String> statuses) {
    return statuses.stream().mapToLong(s -> counts.getOrDefault(s, 0L)).sum();
  }

  /** Every registered series' name, in the order of the beans. */
  public List<String> seriesNames() {
    return series.stream().flatMap(s -> s.series().stream()).toList();
  }

  /** A minute of the last hour: rows per series (each of {@link MinuteCounts#series()}), 0 where none. */
  public record Minute(Instant minute, Map<String, Long> counts) {
    public long count(String series) {
      return counts.getOrDefault(series, 0L);
    }
  }

  /**
   * The last 60 minutes up to {@code now}, oldest first, every minute present with every series;
   * one organization's or (null) all of them.
   */
  public List<Minute> lastHour(String orgIdOrAll, Instant now) {
    Instant end = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
    Instant start = end.minusSeconds(3600);
    Map<Instant, Map<String, Long>> byMinute = new TreeMap<>();
    List<String> names = seriesNames();
    for (int i = 0; i < 60; i++) {
      Map<String, Long> counts = new LinkedHashMap<>();
      names.forEach(name -> counts.put(name, 0L));
      byMinute.put(start.plusSeconds(60L * i), counts);
    }
    for (MinuteCounts counted : series) {
      counted.perMinute(dsl, orgIdOrAll, start.atOffset(ZoneOffset.UTC)).forEach((name, perMinute) ->
          perMinute.forEach((minute, n) -> {
            Map<String, Long> counts = byMinute.get(minute);
            if (counts != null) {
              counts.put(name, n);
            }
          }));
    }
    return byMinute.entrySet().stream().map(e -> new Minute(e.getKey(), Map.copyOf(e.getValue()))).toList();
  }
}
