package io.workerplatform.screening;

import static io.workerplatform.db.Tables.PROFILE_SCREENINGS;
import static io.workerplatform.db.Tables.SCREENING_HITS;
import static io.workerplatform.db.Tables.SCREENINGS;

import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;

/**
 * Screening in exports: the organization's screenings, its profiles' latest results and their
 * hits (the matched names included: they are what the screening found); a member's decisions on
 * hits. Results and hits go with their profile when the retention deletes it (foreign keys), and
 * a member's erasure leaves its decisions as ids, as the audit log does.
 */
public final class ScreeningPersonalData implements PersonalData {

  @Override
  public int order() {
    return 76; // after the profiles
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("screenings.json", out.dsl().selectFrom(SCREENINGS).where(SCREENINGS.ORG_ID.eq(orgId)).orderBy(SCREENINGS.ID));
    out.rows("profile-screenings.json", out.dsl().selectFrom(PROFILE_SCREENINGS)
        .where(PROFILE_SCREENINGS.ORG_ID.eq(orgId)).orderBy(PROFILE_SCREENINGS.PROFILE_ID));
    out.rows("screening-hits.json", out.dsl().selectFrom(SCREENING_HITS)
        .where(SCREENING_HITS.ORG_ID.eq(orgId)).orderBy(SCREENING_HITS.PROFILE_ID, SCREENING_HITS.HIT_ID));
  }

  @Override
  public void exportMember(ExportSections out, String orgId, String memberId) throws IOException {
    out.rows("screening-dispositions.json", out.dsl()
        .select(SCREENING_HITS.PROFILE_ID, SCREENING_HITS.HIT_ID, SCREENING_HITS.DISPOSITION, SCREENING_HITS.DISPOSED_AT)
        .from(SCREENING_HITS)
        .where(SCREENING_HITS.ORG_ID.eq(orgId)).and(SCREENING_HITS.DISPOSED_BY.eq(memberId))
        .orderBy(SCREENING_HITS.PROFILE_ID, SCREENING_HITS.HIT_ID));
  }
}
