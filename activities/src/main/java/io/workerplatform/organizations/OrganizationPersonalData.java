package io.workerplatform.organizations;

import static io.workerplatform.db.Tables.ORGANIZATIONS;

import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;

/** The organization's own row, first in its export. */
public final class OrganizationPersonalData implements PersonalData {

  @Override
  public int order() {
    return 0;
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("organization.json", out.dsl().selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(orgId)));
  }
}
