package io.workerplatform.filings;

import static io.workerplatform.db.Tables.FILINGS;

import io.workerplatform.compliance.ComplianceScore;
import io.workerplatform.compliance.ComplianceSource;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;

/** Filings' part of compliance: an open filing past its due date is overdue; within 7 days, due soon. */
public final class FilingCompliance implements ComplianceSource {
  static final int DUE_SOON_DAYS = 7;

  @Override
  public List<Finding> findings(DSLContext dsl, String orgId, Requirements requirements, LocalDate today) {
    return dsl.select(FILINGS.ID, FILINGS.KIND, FILINGS.DUE_DATE)
        .from(FILINGS)
        .where(FILINGS.ORG_ID.eq(orgId))
        .and(FILINGS.STATUS.ne("FILED"))
        .and(FILINGS.DUE_DATE.le(today.plusDays(DUE_SOON_DAYS)))
        .orderBy(FILINGS.DUE_DATE, FILINGS.ID)
        .fetch(r -> new Finding(
            r.value3().isBefore(today) ? ComplianceScore.OVERDUE_FILING : ComplianceScore.FILING_DUE_SOON,
            "filing", r.value1(), r.value2(), r.value3()));
  }
}
