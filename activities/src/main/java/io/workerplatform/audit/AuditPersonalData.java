package io.workerplatform.audit;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;

/**
 * The organization's audit rows in its export ({@code audit_log.json}). They hold ids and counts,
 * never a person's data, so an erasure leaves them as they are.
 */
public final class AuditPersonalData implements PersonalData {

  @Override
  public int order() {
    return 95;
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("audit_log.json", out.dsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ORG_ID.eq(orgId)).orderBy(AUDIT_LOG.ID));
  }
}
