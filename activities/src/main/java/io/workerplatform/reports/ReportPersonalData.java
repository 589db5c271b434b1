package io.workerplatform.reports;

import static io.workerplatform.db.Tables.REPORTS;
import static io.workerplatform.db.Tables.REPORT_SCHEDULES;

import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * An erased member leaves the recipients of the organization's schedules and reports (its links
 * stop working: a link needs a live recipient); an export of the member lists the schedules that
 * name it, of the organization every schedule and report.
 */
public final class ReportPersonalData implements PersonalData {

  @Override
  public int order() {
    return 38;
  }

  @Override
  public Map<String, Long> eraseMember(DSLContext t, String orgId, String memberId, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("report-schedules", (long) t.update(REPORT_SCHEDULES)
        .set(REPORT_SCHEDULES.RECIPIENT_IDS, DSL.arrayRemove(REPORT_SCHEDULES.RECIPIENT_IDS, DSL.val(memberId)))
        .where(REPORT_SCHEDULES.ORG_ID.eq(orgId)).and(DSL.val(memberId).eq(DSL.any(REPORT_SCHEDULES.RECIPIENT_IDS)))
        .execute());
    counts.put("reports", (long) t.update(REPORTS)
        .set(REPORTS.RECIPIENT_IDS, DSL.arrayRemove(REPORTS.RECIPIENT_IDS, DSL.val(memberId)))
        .where(REPORTS.ORG_ID.eq(orgId)).and(DSL.val(memberId).eq(DSL.any(REPORTS.RECIPIENT_IDS)))
        .execute());
    return counts;
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("report_schedules.json", out.dsl().selectFrom(REPORT_SCHEDULES).where(REPORT_SCHEDULES.ORG_ID.eq(orgId))
        .orderBy(REPORT_SCHEDULES.CREATED_AT, REPORT_SCHEDULES.ID));
    out.rows("reports.json", out.dsl().selectFrom(REPORTS).where(REPORTS.ORG_ID.eq(orgId))
        .orderBy(REPORTS.CREATED_AT, REPORTS.ID));
  }

  @Override
  public void exportMember(ExportSections out, String orgId, String memberId) throws IOException {
    out.rows("report_schedules.json", out.dsl().selectFrom(REPORT_SCHEDULES).where(REPORT_SCHEDULES.ORG_ID.eq(orgId))
        .and(DSL.val(memberId).eq(DSL.any(REPORT_SCHEDULES.RECIPIENT_IDS)))
        .orderBy(REPORT_SCHEDULES.CREATED_AT, REPORT_SCHEDULES.ID));
  }
}
