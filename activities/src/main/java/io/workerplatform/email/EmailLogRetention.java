package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The email capability's log tables as two retention categories. {@code email-messages}: decided
 * messages (not {@code QUEUED} or {@code SENDING}: a workflow may still send those) created more
 * than the organization's period ago (by default {@value #MESSAGE_DAYS} days) are deleted with the
 * application's requests of them. What ends with them: their dedupe key no longer dedupes (a
 * message under the same key is sent anew), {@code GET .../emails/{id}} answers 404, and a bulk
 * send's counts read from the log count them no more. {@code ses-events}: SES events received more
 * than {@value #EVENT_DAYS} days ago are deleted (the suppressions they caused stay).
 */
public final class EmailLogRetention {
  public static final String MESSAGES = "email-messages";
  public static final int MESSAGE_DAYS = 180;
  public static final String EVENTS = "ses-events";
  public static final int EVENT_DAYS = 90;

  private EmailLogRetention() {}

  public static RetentionCategory messages(DSLContext dsl) {
    RenderedQuery delete = RetentionSql.deleteWithChildren(dsl,
        DSL.select(EMAIL_MESSAGES.DEDUPE_KEY)
            .from(RetentionSql.withRetention(EMAIL_MESSAGES, EMAIL_MESSAGES.ORG_ID, MESSAGES))
            .where(EMAIL_MESSAGES.STATE.notIn(DSL.inline(EmailState.QUEUED), DSL.inline(EmailState.SENDING)))
            .and(RetentionSql.pastRetention(EMAIL_MESSAGES.CREATED_AT))
            .and(RetentionSql.share(EMAIL_MESSAGES.ORG_ID))
            .limit(RetentionSql.LIMIT),
        EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY, EMAIL_MESSAGES.ORG_ID, EMAIL_REQUESTS, EMAIL_REQUESTS.DEDUPE_KEY);
    return category(MESSAGES, MESSAGE_DAYS, new RetentionStep(MESSAGES, "email-message", 66,
        (t, scan) -> scan.bind(delete).fetch(t).getValues(EMAIL_MESSAGES.ORG_ID)));
  }

  public static RetentionCategory sesEvents(DSLContext dsl) {
    RenderedQuery delete = RenderedQuery.of(dsl, DSL.deleteFrom(EMAIL_EVENTS)
        .where(EMAIL_EVENTS.ID.in(
            DSL.select(EMAIL_EVENTS.ID)
                .from(RetentionSql.withRetention(EMAIL_EVENTS, EMAIL_EVENTS.ORG_ID, EVENTS))
                .where(RetentionSql.pastRetention(EMAIL_EVENTS.RECEIVED_AT))
                .and(RetentionSql.share(DSL.coalesce(EMAIL_EVENTS.ORG_ID, DSL.inline(""))))
                .limit(RetentionSql.LIMIT)))
        .returning(EMAIL_EVENTS.ORG_ID));
    return category(EVENTS, EVENT_DAYS, new RetentionStep(EVENTS, "ses-event", 67,
        (t, scan) -> scan.bind(delete).fetch(t).getValues(EMAIL_EVENTS.ORG_ID)));
  }

  private static RetentionCategory category(String name, int days, RetentionStep step) {
    return new RetentionCategory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int defaultDays() {
        return days;
      }

      @Override
      public List<RetentionStep> steps() {
        return List.of(step);
      }
    };
  }
}
