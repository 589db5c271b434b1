package io.workerplatform.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.events.EventStore.NewEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PetitionActivitiesImplTest {
  private static final TestDatabase db = TestDatabase.create("petition_activities");
  private final List<NewEvent> published = new CopyOnWriteArrayList<>();
  private final PetitionActivitiesImpl activities =
      new PetitionActivitiesImpl(db.dsl, published::add, Clock.systemUTC());
  private final PetitionStore petitions = new PetitionStore(db.dsl, Clock.systemUTC());

  @AfterAll
  static void dropSchema() throws Exception {
    db.close();
  }

  @Test
  void aClosingAtAnOldTimeIsMovedAndTheStoredTimeSaysWhenItCloses() {
    db.organization("acme", "UTC");
    Instant first = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    Instant moved = first.plus(Duration.ofDays(1));
    String id = petitions.create("acme", "P", null, first).id();
    petitions.change("acme", id, null, Optional.of(moved));

    assertThat(activities.close(new PetitionCloseInput("acme", id, first))).isEqualTo(PetitionCloseWorkflow.MOVED);
    assertThat(activities.storedClosesAt(new PetitionCloseInput("acme", id, first))).isEqualTo(moved);
    assertThat(activities.storedClosesAt(new PetitionCloseInput("globex", id, null))).as("another organization's").isNull();
    assertThat(published).isEmpty();

    assertThat(activities.close(new PetitionCloseInput("acme", id, moved))).isEqualTo(PetitionCloseWorkflow.CLOSED);
    assertThat(activities.storedClosesAt(new PetitionCloseInput("acme", id, moved))).as("closed: none").isNull();
    assertThat(published).extracting(NewEvent::type).containsExactly("petition.closed");
  }
}
