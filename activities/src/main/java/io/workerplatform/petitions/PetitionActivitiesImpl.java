package io.workerplatform.petitions;

import static io.workerplatform.db.Tables.PETITIONS;

import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.db.tables.records.PetitionsRecord;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jooq.DSLContext;

public class PetitionActivitiesImpl implements PetitionActivities {
  private final DSLContext dsl;
  private final PlatformEvents events;
  private final Clock clock;

  public PetitionActivitiesImpl(DSLContext dsl, PlatformEvents events, Clock clock) {
    this.dsl = dsl;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Instant storedClosesAt(PetitionCloseInput input) {
    String orgId = InvalidInput.requireText("orgId", input == null ? null : input.orgId());
    String petitionId = InvalidInput.requireText("petitionId", input.petitionId());
    OffsetDateTime stored =
        dsl.select(PETITIONS.CLOSES_AT)
            .from(PETITIONS)
            .where(PETITIONS.ID.eq(petitionId))
            .and(PETITIONS.ORG_ID.eq(orgId))
            .and(PETITIONS.DELETED_AT.isNull())
            .and(PETITIONS.STATUS.eq(PetitionStore.OPEN))
            .fetchOne(PETITIONS.CLOSES_AT);
    return stored == null ? null : stored.toInstant();
  }

  @Override
  public String close(PetitionCloseInput input) {
    if (input == null || input.closesAt() == null) {
      throw ApplicationFailure.newNonRetryableFailure("closesAt is required", InvalidInput.TYPE, "closesAt");
    }
    String orgId = InvalidInput.requireText("orgId", input.orgId());
    String petitionId = InvalidInput.requireText("petitionId", input.petitionId());
    OffsetDateTime closesAt = input.closesAt().atOffset(ZoneOffset.UTC);
    String outcome = dsl.transactionResult(tx -> {
      PetitionsRecord petition =
          tx.dsl().selectFrom(PETITIONS)
              .where(PETITIONS.ID.eq(petitionId))
              .and(PETITIONS.ORG_ID.eq(orgId))
              .and(PETITIONS.DELETED_AT.isNull())
              .forUpdate()
              .fetchOne();
      if (petition == null) {
        return PetitionCloseWorkflow.NOT_OPEN;
      }
      boolean sameTime = petition.getClosesAt() != null && petition.getClosesAt().isEqual(closesAt);
      if (PetitionStore.CLOSED.equals(petition.getStatus()) && sameTime) {
        return PetitionCloseWorkflow.CLOSED; // closed by an earlier try: its event is published below
      }
      if (!PetitionStore.OPEN.equals(petition.getStatus())) {
        return PetitionCloseWorkflow.NOT_OPEN;
      }
      if (!sameTime) {
        return PetitionCloseWorkflow.MOVED;
      }
      petition.setStatus(PetitionStore.CLOSED);
      petition.setClosedAt(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
      petition.store();
      return PetitionCloseWorkflow.CLOSED;
    });
    if (Objects.equals(outcome, PetitionCloseWorkflow.CLOSED)) {
      // Stored once under its id: a retry after a crash between the close and this publishes it
      // then, and a second publish stores nothing new.
      events.publish(
          new NewEvent(
              orgId, "petition-closed-" + petitionId, "petition.closed", "{\"petitionId\":\"" + petitionId + "\"}",
              petitionId, null, null, "petition/" + petitionId));
    }
    return outcome;
  }
}
