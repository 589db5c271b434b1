package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;

import io.workerplatform.reporting.ReportSource;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Report kind {@code emails}: the messages created in the period, one row each, with their
 * recipient's id (never an address) and SES's report of them.
 */
public final class EmailReport implements ReportSource {
  @Override
  public String kind() {
    return "emails";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "emailId", "bulkSendId", "template", "contactId", "memberId", "status", "delivery", "inDoubt", "error",
        "createdAt", "updatedAt");
  }

  @Override
  public void rows(DSLContext dsl, String orgId, OffsetDateTime from, OffsetDateTime until, Rows rows) throws IOException {
    ReportSource.stream(dsl.select(
                EMAIL_REQUESTS.ID, EMAIL_MESSAGES.BULK_SEND_ID, EMAIL_MESSAGES.TEMPLATE, EMAIL_MESSAGES.CONTACT_ID,
                EMAIL_MESSAGES.MEMBER_ID, EMAIL_MESSAGES.STATE, EMAIL_MESSAGES.DELIVERY, EMAIL_MESSAGES.IN_DOUBT,
                EMAIL_MESSAGES.ERROR, EMAIL_MESSAGES.CREATED_AT, EMAIL_MESSAGES.UPDATED_AT)
            .from(EMAIL_MESSAGES)
            .leftJoin(EMAIL_REQUESTS).on(EMAIL_REQUESTS.DEDUPE_KEY.eq(EMAIL_MESSAGES.DEDUPE_KEY))
            .where(EMAIL_MESSAGES.ORG_ID.eq(orgId))
            .and(EMAIL_MESSAGES.CREATED_AT.ge(from)).and(EMAIL_MESSAGES.CREATED_AT.lt(until))
            .orderBy(EMAIL_MESSAGES.CREATED_AT, EMAIL_MESSAGES.DEDUPE_KEY),
        rows);
  }
}
