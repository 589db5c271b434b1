package io.workerplatform.bulksends;

import static io.workerplatform.db.Tables.BULK_SENDS;

import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;

/** An organization's bulk sends (their recipients are its contacts, exported with them). */
public final class BulkSendPersonalData implements PersonalData {

  @Override
  public int order() {
    return 45;
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("bulk_sends.json", out.dsl().selectFrom(BULK_SENDS).where(BULK_SENDS.ORG_ID.eq(orgId)).orderBy(BULK_SENDS.ID));
  }
}
