package io.workerplatform.petitions;

import static io.workerplatform.db.Tables.PETITIONS;

import io.workerplatform.scheduling.ScheduledKind;

/** Open petitions with a closing time: scheduled action {@code PETITION_CLOSE:<id>}. */
public final class PetitionClosing {
  public static final ScheduledKind SCHEDULED =
      new ScheduledKind("PETITION_CLOSE", PETITIONS, PETITIONS.ORG_ID, PETITIONS.ID, PETITIONS.CLOSES_AT,
          PETITIONS.STATUS.eq(PetitionStore.OPEN).and(PETITIONS.DELETED_AT.isNull()).and(PETITIONS.CLOSES_AT.isNotNull()));

  private PetitionClosing() {}
}
