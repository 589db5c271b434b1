package io.workerplatform.profiles;

import static io.workerplatform.db.Tables.PROFILES;
import static io.workerplatform.db.Tables.PROFILE_PROPERTIES;

import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;

/**
 * The organization's KYC profiles in its export ({@code profiles.json}, their properties in
 * {@code profile-properties.json}), deleted ones included
 * until the retention removes them. A profile is its own subject, neither a contact nor a member,
 * so a contact's or a member's erasure leaves profiles as they are.
 */
public final class ProfilePersonalData implements PersonalData {

  @Override
  public int order() {
    return 75;
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("profiles.json", out.dsl().selectFrom(PROFILES).where(PROFILES.ORG_ID.eq(orgId)).orderBy(PROFILES.ID));
    out.rows("profile-properties.json", out.dsl().selectFrom(PROFILE_PROPERTIES)
        .where(PROFILE_PROPERTIES.ORG_ID.eq(orgId)).orderBy(PROFILE_PROPERTIES.ID));
  }
}
