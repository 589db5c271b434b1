package io.workerplatform.usage;

import static io.workerplatform.db.Tables.USAGE_CYCLES;

import io.workerplatform.reporting.ReportSource;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Report kind {@code usage}: the organization's usage cycles that overlap the period, with what
 * each counted against the plan's limits (a cycle still running counts up to the report's build).
 */
public final class UsageReport implements ReportSource {
  @Override
  public String kind() {
    return "usage";
  }

  @Override
  public List<String> columns() {
    return List.of("cycleStart", "cycleEnd", "emails", "signatureRequests", "bulkSendRecipients");
  }

  @Override
  public void rows(DSLContext dsl, String orgId, OffsetDateTime from, OffsetDateTime until, Rows rows) throws IOException {
    ReportSource.stream(dsl.select(
                USAGE_CYCLES.CYCLE_START, USAGE_CYCLES.CYCLE_END, USAGE_CYCLES.EMAILS, USAGE_CYCLES.SIGNATURE_REQUESTS,
                USAGE_CYCLES.BULK_SEND_RECIPIENTS)
            .from(USAGE_CYCLES)
            .where(USAGE_CYCLES.ORG_ID.eq(orgId))
            .and(USAGE_CYCLES.CYCLE_START.lt(until)).and(USAGE_CYCLES.CYCLE_END.gt(from))
            .orderBy(USAGE_CYCLES.CYCLE_START),
        rows);
  }
}
