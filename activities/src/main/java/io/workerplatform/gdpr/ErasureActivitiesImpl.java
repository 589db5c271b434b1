package io.workerplatform.gdpr;

import io.temporal.failure.ApplicationFailure;
import io.workerplatform.audit.AuditLog;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.contacts.ContactPersonalData;
import io.workerplatform.personaldata.PersonalDataRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

public class ErasureActivitiesImpl implements ErasureActivities {
  static final String ACTOR = "erasure";

  private final DSLContext dsl;
  private final PersonalDataRegistry erasure;
  private final ErasureStore erasures;
  private final Clock clock;

  public ErasureActivitiesImpl(DSLContext dsl, PersonalDataRegistry erasure, ErasureStore erasures, Clock clock) {
    this.dsl = dsl;
    this.erasure = erasure;
    this.erasures = erasures;
    this.clock = clock;
  }

  @Override
  public Map<String, Long> erase(ErasureInput input) {
    String orgId = InvalidInput.requireText("orgId", input.orgId());
    String contactId = InvalidInput.requireText("contactId", input.contactId());
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    return dsl.transactionResult(tx -> {
      DSLContext t = tx.dsl();
      // Locked, so a bulk send's page reads the contact before or after, never half-erased.
      if (!ContactPersonalData.lockForErasure(t, orgId, contactId)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "contact " + contactId + " does not exist in organization " + orgId, CONTACT_NOT_FOUND, "contactId");
      }
      Map<String, Long> counts = erasure.eraseContacts(t, List.of(contactId), now);
      AuditLog.record(t, orgId, ACTOR, "erase", "contact", contactId, counts, now);
      return counts;
    });
  }

  @Override
  public void recordOutcome(ErasureInput input, ErasureResult result) {
    erasures.finish(input.orgId(), input.contactId(), result.status(), result.counts(), result.error());
  }
}
