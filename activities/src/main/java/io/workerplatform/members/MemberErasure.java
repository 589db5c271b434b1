package io.workerplatform.members;

import static io.workerplatform.db.Tables.MEMBERS;

import io.workerplatform.audit.AuditLog;
import io.workerplatform.personaldata.PersonalDataRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Erases a member (the GDPR right to erasure): every capability's data about it (its address and
 * name overwritten, the member deleted if it was not, its notification choices and notifications
 * deleted, the SES events and error details of the email sent to it erased), and one audit row with
 * the counts. A member's data is a handful of rows, so this is one short transaction rather than a
 * workflow. Erasing again changes nothing and counts zero.
 */
public class MemberErasure {
  static final String ACTOR = "member-erasure";

  private final DSLContext dsl;
  private final PersonalDataRegistry erasure;
  private final Clock clock;

  public MemberErasure(DSLContext dsl, PersonalDataRegistry erasure, Clock clock) {
    this.dsl = dsl;
    this.erasure = erasure;
    this.clock = clock;
  }

  /** Rows changed per kind; empty when the organization has no such member (deleted ones included). */
  public Optional<Map<String, Long>> erase(String orgId, String memberId) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return dsl.transactionResult(tx -> {
      DSLContext t = tx.dsl();
      boolean theirs =
          t.selectOne().from(MEMBERS).where(MEMBERS.ID.eq(memberId)).and(MEMBERS.ORG_ID.eq(orgId)).forUpdate()
              .fetchOptional().isPresent();
      if (!theirs) {
        return Optional.<Map<String, Long>>empty();
      }
      Map<String, Long> counts = erasure.eraseMember(t, orgId, memberId, now);
      AuditLog.record(t, orgId, ACTOR, "erase", "member", memberId, counts, now);
      return Optional.of(counts);
    });
  }
}
