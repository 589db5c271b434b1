package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;

import io.workerplatform.work.MinuteCounts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Emails sent per minute, for the console's chart. */
public final class SentEmails implements MinuteCounts {
  public static final String SERIES = "emails-sent";

  @Override
  public List<String> series() {
    return List.of(SERIES);
  }

  @Override
  public Map<String, Map<Instant, Long>> perMinute(DSLContext dsl, String orgIdOrAll, OffsetDateTime start) {
    Field<OffsetDateTime> minute = DSL.trunc(EMAIL_MESSAGES.CREATED_AT, DatePart.MINUTE);
    return dsl.select(minute, DSL.count())
        .from(EMAIL_MESSAGES)
        .where(EMAIL_MESSAGES.CREATED_AT.ge(start))
        .and(EMAIL_MESSAGES.STATE.eq("SENT"))
        .and(orgIdOrAll == null ? DSL.noCondition() : EMAIL_MESSAGES.ORG_ID.eq(orgIdOrAll))
        .groupBy(minute)
        .fetch().stream()
        .collect(Collectors.collectingAndThen(
            Collectors.toMap(r -> r.value1().toInstant(), r -> r.value2().longValue()), sent -> Map.of(SERIES, sent)));
  }
}
