package io.workerplatform.filings;

import static io.workerplatform.db.Tables.FILINGS;
import static io.workerplatform.db.Tables.FILING_NOTICES;

import io.workerplatform.expiring.ExpiringItems;
import io.workerplatform.expiring.ExpiringProperties;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Open filings ({@code DRAFT}, {@code PREPARED}) as items of the cron job {@code filing-reminders}:
 * {@code filing.due} 14 ({@code NORMAL}), 7 ({@code HIGH}) and 3 ({@code URGENT}) days before the
 * due date, from 08:00 in the organization's time zone, once per threshold and due date (a moved
 * due date starts afresh), noticed in {@code filing_notices}.
 */
public final class FilingDeadlines implements ExpiringItems {
  public static final String EVENT_TYPE = "filing.due";
  public static final ExpiringProperties.Schedule SCHEDULE = new ExpiringProperties.Schedule(
      "filing-reminders", LocalTime.of(8, 0), List.of(3, 7, 14), List.of("URGENT", "HIGH", "NORMAL"), "dueDate");

  @Override
  public String job() {
    return SCHEDULE.name();
  }

  @Override
  public String eventType() {
    return EVENT_TYPE;
  }

  @Override
  public List<Item> expiring(DSLContext dsl, String orgId, LocalDate from, LocalDate until) {
    var nearestNoticed = DSL.field(DSL.select(DSL.min(FILING_NOTICES.THRESHOLD))
        .from(FILING_NOTICES)
        .where(FILING_NOTICES.FILING_ID.eq(FILINGS.ID))
        .and(FILING_NOTICES.DUE_DATE.eq(FILINGS.DUE_DATE)));
    return dsl.select(FILINGS.ID, FILINGS.KIND, FILINGS.DUE_DATE, FILINGS.STATUS, nearestNoticed)
        .from(FILINGS)
        .where(FILINGS.ORG_ID.eq(orgId))
        .and(FILINGS.STATUS.ne("FILED"))
        .and(FILINGS.DUE_DATE.between(from, until))
        .orderBy(FILINGS.ID)
        .fetch(r -> {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("filingId", r.value1());
          data.put("kind", r.value2());
          data.put("status", r.value4());
          return new Item(r.value1(), r.value3(), r.value5(), data, r.value3().format(DateTimeFormatter.BASIC_ISO_DATE));
        });
  }

  @Override
  public void noticed(
      DSLContext dsl, String orgId, String itemId, List<Integer> thresholds, String eventId, OffsetDateTime at) {
    LocalDate dueDate = dsl.select(FILINGS.DUE_DATE).from(FILINGS)
        .where(FILINGS.ID.eq(itemId)).and(FILINGS.ORG_ID.eq(orgId)).fetchOptional(FILINGS.DUE_DATE).orElse(null);
    if (dueDate == null) {
      return; // deleted meanwhile: nothing left to remind of
    }
    for (int threshold : thresholds) {
      dsl.insertInto(FILING_NOTICES)
          .set(FILING_NOTICES.FILING_ID, itemId)
          .set(FILING_NOTICES.ORG_ID, orgId)
          .set(FILING_NOTICES.DUE_DATE, dueDate)
          .set(FILING_NOTICES.THRESHOLD, threshold)
          .set(FILING_NOTICES.EVENT_ID, eventId)
          .set(FILING_NOTICES.CREATED_AT, at)
          .onConflictDoNothing()
          .execute();
    }
  }
}
