package io.workerplatform.members;

import static io.workerplatform.db.Tables.MEMBERS;

import io.workerplatform.personaldata.Erased;
import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The member's own row: exported first, erased last (its address and name overwritten). */
public final class MemberPersonalData implements PersonalData {

  @Override
  public int order() {
    return 11;
  }

  @Override
  public Map<String, Long> eraseMember(DSLContext t, String orgId, String memberId, OffsetDateTime now) {
    return Map.of("members", (long) t.update(MEMBERS)
        .set(MEMBERS.EMAIL, Erased.address(MEMBERS.ID))
        .set(MEMBERS.NAME, (String) null)
        .set(MEMBERS.ANONYMIZED_AT, now)
        .set(MEMBERS.DELETED_AT, DSL.coalesce(MEMBERS.DELETED_AT, DSL.val(now)))
        .where(MEMBERS.ID.eq(memberId)).and(MEMBERS.ORG_ID.eq(orgId))
        .and(MEMBERS.ANONYMIZED_AT.isNull())
        .execute());
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("members.json", out.dsl().selectFrom(MEMBERS).where(MEMBERS.ORG_ID.eq(orgId)).orderBy(MEMBERS.ID));
  }

  @Override
  public void exportMember(ExportSections out, String orgId, String memberId) throws IOException {
    out.rows("member.json", out.dsl().selectFrom(MEMBERS).where(MEMBERS.ID.eq(memberId)).and(MEMBERS.ORG_ID.eq(orgId)));
  }
}
