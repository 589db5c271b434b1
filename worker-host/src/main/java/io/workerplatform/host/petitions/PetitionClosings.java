package io.workerplatform.host.petitions;

import io.workerplatform.petitions.PetitionClosing;
import io.workerplatform.host.scheduling.ScheduledCancellation;
import io.workerplatform.host.api.StartAfterCommit;
import io.workerplatform.petitions.PetitionStore;
import io.workerplatform.petitions.PetitionStore.Petition;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A petition's closing on its durable timer: told after the petition's commit (or left to the
 * relay), and cancelled as clearing {@code closesAt}. What the REST API and the scheduled actions
 * both do, in one place.
 */
@Service
public class PetitionClosings implements ScheduledCancellation {
  private final PetitionStore petitions;
  private final PetitionCloses closes;

  PetitionClosings(PetitionStore petitions, PetitionCloses closes) {
    this.petitions = petitions;
    this.closes = closes;
  }

  /** Tells the petition's timer its (new or cleared) closing time, after the commit. */
  void schedule(Petition petition) {
    // a failure leaves it to the relay, which tells the timer
    StartAfterCommit.start("Closing of petition", petition.id(), () -> closes.start(petition));
  }

  /**
   * Cancels the petition's closing (as {@code PATCH {"closesAt":null}}); false when it is not
   * open or has no closing time.
   */
  public boolean cancel(String orgId, String id) {
    Optional<Petition> petition = petitions.find(orgId, id);
    if (petition.isEmpty() || petition.get().closesAt() == null || !PetitionStore.OPEN.equals(petition.get().status())) {
      return false;
    }
    schedule(petitions.change(orgId, id, null, Optional.empty()));
    return true;
  }

  @Override
  public String kind() {
    return PetitionClosing.SCHEDULED.kind();
  }

  @Override
  public Outcome cancelScheduled(String orgId, String entityId) {
    return cancel(orgId, entityId) ? Outcome.CANCELLED : Outcome.NOT_FOUND;
  }
}
