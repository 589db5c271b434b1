package io.workerplatform.events;

import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.events.EventActivities.HandlerResults;
import io.workerplatform.events.EventActivities.HandlerRun;
import io.workerplatform.events.EventStore.EventView;
import io.workerplatform.events.EventStore.HandlerView;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.webhooks.WebhookActivitiesImpl;
import io.workerplatform.webhooks.WebhookEventHandler;
import io.workerplatform.webhooks.WebhookReceiver;
import io.workerplatform.webhooks.WebhookSender;
import io.workerplatform.webhooks.WebhookSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventActivitiesImplTest {
  private static final TestDatabase db = TestDatabase.create("event_activities");
  private final EventStore store = db.eventStore();
  private final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookSettings settings = new WebhookSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), true, 3, 1024);
  /** Delivery workflows the webhooks handler started: "deliveryId after n". */
  private final List<String> retriesStarted = new CopyOnWriteArrayList<>();
  private final AtomicInteger flakyFailures = new AtomicInteger();
  private TestActivityEnvironment env;
  private EventActivities activities;
  private String orgId;

  /** Fails while {@link #flakyFailures} is positive, counting it down; the message is safe to show. */
  private final EventHandler flaky =
      new EventHandler() {
        @Override
        public String name() {
          return "flaky";
        }

        @Override
        public java.util.Set<String> eventTypes() {
          return java.util.Set.of("contact.created");
        }

        @Override
        public void handle(HandledEvent event) {
          if (flakyFailures.getAndDecrement() > 0) {
            throw new EventHandlerException("downstream answered 503");
          }
        }
      };

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    WebhookActivitiesImpl attempts =
        new WebhookActivitiesImpl(db.webhookStore(), new WebhookSender(settings, Clock.systemUTC()), settings);
    WebhookEventHandler webhooks =
        new WebhookEventHandler(db.dsl, Clock.systemUTC(), db.webhookStore(), attempts, new WebhookEventHandler.DeliveryWorkflows() {
          @Override
          public void start(String org, String eventId, String deliveryId, int attemptsMade) {
            retriesStarted.add(deliveryId + " after " + attemptsMade);
          }

          @Override
          public Duration firstRetryDelay() {
            return Duration.ofMinutes(1);
          }
        });
    EventHandlers handlers = new EventHandlers(List.of(new AuditEventHandler(db.dsl), webhooks, flaky));
    env.registerActivitiesImplementations(
        new EventActivitiesImpl(store, handlers, JsonMapper.builder().build(), Clock.systemUTC(), PlatformMetrics.none()));
    // One try per call: the test plays the retries.
    activities =
        env.newActivityStub(
            EventActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    orgId = Ids.newId("org");
    db.organizations().create(orgId, "Acme");
  }

  @AfterEach
  void tearDown() {
    env.close();
    receiver.close();
  }

  @AfterAll
  static void dropSchema() throws Exception {
    db.close();
  }

  private EventStore.StoredEvent publish(String eventId, String type, Instant processAt, String orderingKey) {
    return store.store(new NewEvent(orgId, eventId, type, "{\"petitionId\":\"pet_1\"}", "pet_1", "usr_7", processAt, orderingKey));
  }

  private EventView view(String eventId) {
    return store.find(orgId, eventId, type -> List.of("audit", "webhooks")).orElseThrow();
  }

  @Test
  void eachHandlerRunTwiceOnAnEventHasItsEffectOnce() {
    db.subscriptionStore().create(orgId, receiver.url("/hooks"), List.of("petition.completed"));
    var event = publish("evt_twice", "petition.completed", null, null);

    EventOutcome outcome = activities.process(new EventRequest(orgId, "evt_twice"));
    // as a retry of each handler would run them again
    activities.handle(new HandlerRun(orgId, "evt_twice", "audit", 1));
    activities.handle(new HandlerRun(orgId, "evt_twice", "webhooks", 1));

    assertThat(outcome.status()).isEqualTo("PROCESSED");
    assertThat(outcome.done()).containsExactly("audit", "webhooks");
    assertThat(receiver.received).hasSize(1);
    assertThat(db.dsl.fetchCount(WEBHOOK_ATTEMPTS, WEBHOOK_ATTEMPTS.DELIVERY_ID.eq(event.deliveryIds().get(0)))).isEqualTo(1);
    var audit = db.dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.ORG_ID.eq(orgId)).fetch();
    assertThat(audit).singleElement().satisfies(row -> {
      assertThat(row.getEventId()).isEqualTo("evt_twice");
      assertThat(row.getAction()).isEqualTo("petition.completed");
      assertThat(row.getEntityType()).isEqualTo("petition");
      assertThat(row.getEntityId()).isEqualTo("pet_1");
      assertThat(row.getActor()).isEqualTo("usr_7");
      assertThat(row.getCounts().data()).isEqualTo("{}"); // never the event's data
    });
    assertThat(retriesStarted).isEmpty();
    // processed once: a second processing (a workflow started again by hand) does nothing
    assertThat(activities.process(new EventRequest(orgId, "evt_twice")).status()).isEqualTo("PROCESSED");
    assertThat(receiver.received).hasSize(1);
    assertThat(view("evt_twice").handlers())
        .containsExactly(new HandlerView("audit", "DONE", 1, null), new HandlerView("webhooks", "DONE", 1, null));
  }

  @Test
  void aFirstAttemptThatFailsStartsTheDeliveryWorkflowForTheRetriesAgainOnARerunButSendsOnce() {
    receiver.answer(500);
    db.subscriptionStore().create(orgId, receiver.url("/down"), List.of("petition.completed"));
    var event = publish("evt_retry", "petition.completed", null, null);

    activities.process(new EventRequest(orgId, "evt_retry"));
    activities.handle(new HandlerRun(orgId, "evt_retry", "webhooks", 1));

    String deliveryId = event.deliveryIds().get(0);
    assertThat(receiver.received).hasSize(1);
    assertThat(retriesStarted).containsExactly(deliveryId + " after 1", deliveryId + " after 1");
    assertThat(db.webhookStore().findDelivery(orgId, deliveryId).orElseThrow().status()).isEqualTo("WAITING");
  }

  @Test
  void aDelayedEventIsScheduledUntilDueAndFansOutWhenProcessed() {
    db.subscriptionStore().create(orgId, receiver.url("/later"), List.of("petition.completed"));
    var later = publish("evt_later", "petition.completed", Instant.now().plus(Duration.ofHours(1)), null);
    assertThat(later.status()).isEqualTo("SCHEDULED");
    assertThat(later.deliveryIds()).isEmpty();
    assertThat(activities.process(new EventRequest(orgId, "evt_later")).status()).isEqualTo("SCHEDULED");
    assertThat(view("evt_later").handlers()).extracting(HandlerView::status).containsOnly("PENDING");

    // its time comes
    db.dsl.update(DOMAIN_EVENTS).set(DOMAIN_EVENTS.PROCESS_AT, java.time.OffsetDateTime.now().minusSeconds(1))
        .where(DOMAIN_EVENTS.EXTERNAL_ID.eq("evt_later")).execute();
    assertThat(activities.process(new EventRequest(orgId, "evt_later")).status()).isEqualTo("PROCESSED");

    assertThat(view("evt_later").status()).isEqualTo("PROCESSED");
    assertThat(view("evt_later").deliveryIds()).hasSize(1);
    assertThat(receiver.received).hasSize(1);
  }

  @Test
  void onlyAScheduledEventCanBeCancelledAndItThenEndsWithoutHandlers() {
    publish("evt_cancel", "petition.completed", Instant.now().plus(Duration.ofHours(1)), null);
    publish("evt_now", "petition.completed", null, null);

    store.cancel(orgId, "evt_cancel");

    assertThat(activities.process(new EventRequest(orgId, "evt_cancel")).status()).isEqualTo("CANCELLED");
    assertThat(view("evt_cancel").handlers()).isEmpty();
    assertThatThrownBy(() -> store.cancel(orgId, "evt_cancel")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.cancel(orgId, "evt_now")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.cancel("other-org", "evt_cancel")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void anOrderedEventWaitsForTheUnprocessedOneAcceptedBeforeIt() {
    publish("evt_first", "petition.completed", null, "petition/p1");
    publish("evt_second", "petition.completed", null, "petition/p1");
    publish("evt_elsewhere", "petition.completed", null, "petition/p2");

    EventOutcome second = activities.process(new EventRequest(orgId, "evt_second"));
    assertThat(second.status()).isEqualTo(EventOutcome.WAITING);
    assertThat(second.waitingFor()).isEqualTo("evt_first");
    assertThat(activities.process(new EventRequest(orgId, "evt_elsewhere")).status()).isEqualTo("PROCESSED");

    EventOutcome first = activities.process(new EventRequest(orgId, "evt_first"));

    assertThat(first.status()).isEqualTo("PROCESSED");
    assertThat(first.next()).isEqualTo("evt_second");
    assertThat(activities.process(new EventRequest(orgId, "evt_second")).status()).isEqualTo("PROCESSED");
  }

  @Test
  void aDelayedEventTakesItsPlaceInItsKeysOrderWhenItIsDueNotWhileItWaits() throws Exception {
    Instant due = Instant.now().plusSeconds(1);
    publish("evt_delayed", "petition.completed", due, "petition/p7");
    publish("evt_meanwhile", "petition.completed", null, "petition/p7");

    assertThat(activities.process(new EventRequest(orgId, "evt_meanwhile")).status())
        .as("not held back by an event that is not due").isEqualTo("PROCESSED");

    while (!Instant.now().isAfter(due)) {
      Thread.sleep(50);
    }
    publish("evt_while_due", "petition.completed", null, "petition/p7");
    EventOutcome delayed = activities.process(new EventRequest(orgId, "evt_delayed"));
    // became due after evt_while_due was published: it comes after it
    assertThat(delayed.status()).isEqualTo(EventOutcome.WAITING);
    assertThat(delayed.waitingFor()).isEqualTo("evt_while_due");
    assertThat(activities.process(new EventRequest(orgId, "evt_while_due")).next()).isEqualTo("evt_delayed");
    assertThat(activities.process(new EventRequest(orgId, "evt_delayed")).status()).isEqualTo("PROCESSED");
  }

  @Test
  void anEventWhoseProcessingGaveUpIsRecordedFailedAndItsKeysNextEventProceeds() {
    publish("evt_gave_up", "petition.completed", null, "petition/p6");
    publish("evt_next", "petition.completed", null, "petition/p6");
    assertThat(activities.process(new EventRequest(orgId, "evt_next")).waitingFor()).isEqualTo("evt_gave_up");

    String next = activities.release(new EventRequest(orgId, "evt_gave_up"), "FAILED");

    assertThat(next).isEqualTo("evt_next");
    assertThat(view("evt_gave_up").status()).isEqualTo("FAILED");
    assertThat(activities.process(new EventRequest(orgId, "evt_next")).status()).isEqualTo("PROCESSED");
    // a release of an event that ended otherwise changes nothing
    activities.release(new EventRequest(orgId, "evt_next"), "CANCELLED");
    assertThat(view("evt_next").status()).isEqualTo("PROCESSED");
  }

  @Test
  void aKeysOrderIsItsCommitOrderNotItsInsertOrder() throws Exception {
    CountDownLatch insertedA = new CountDownLatch(1);
    CountDownLatch commitA = new CountDownLatch(1);
    // Transaction A stores its event with its change and commits late; B starts after A's insert.
    CompletableFuture<Void> a =
        CompletableFuture.runAsync(() -> db.dsl.transaction(tx -> {
          store.in(tx.dsl()).store(
              new NewEvent(orgId, "evt_a", "petition.completed", "{}", "pet_1", null, null, "petition/p9"));
          insertedA.countDown();
          commitA.await();
        }));
    insertedA.await();
    CompletableFuture<Void> b =
        CompletableFuture.runAsync(() -> publish("evt_b", "petition.completed", null, "petition/p9"));

    try {
      // B waits for A's lock of the key (without it, B was stored at once with a later number,
      // committed first, and was processed before A).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (db.dsl.fetchCount(DSL.table("pg_locks"), DSL.field("locktype").eq("advisory"), DSL.field("granted").isFalse()) == 0) {
        assertThat(b.isDone()).as("B stored while A held its key").isFalse();
        assertThat(System.nanoTime()).as("B waiting for A's key").isLessThan(deadline);
        Thread.sleep(20);
      }
    } finally {
      commitA.countDown();
    }
    a.get(10, TimeUnit.SECONDS);
    b.get(10, TimeUnit.SECONDS);

    EventOutcome second = activities.process(new EventRequest(orgId, "evt_b"));
    assertThat(second.status()).isEqualTo(EventOutcome.WAITING);
    assertThat(second.waitingFor()).isEqualTo("evt_a");
    assertThat(activities.process(new EventRequest(orgId, "evt_a")).next()).isEqualTo("evt_b");
  }

  @Test
  void aFailingHandlerIsVisibleRetryingWithItsErrorWhileTheOthersShowDoneThenItsEnd() {
    publish("evt_flaky", "contact.created", null, null);
    flakyFailures.set(2);

    EventOutcome outcome = activities.process(new EventRequest(orgId, "evt_flaky"));

    assertThat(outcome.status()).isEqualTo("PROCESSING");
    assertThat(outcome.done()).containsExactly("audit", "webhooks");
    assertThat(outcome.retry()).extracting(EventOutcome.HandlerPlan::name).containsExactly("flaky");
    List<String> expected = List.of("audit", "flaky", "webhooks");
    assertThat(store.find(orgId, "evt_flaky", type -> expected).orElseThrow().handlers())
        .containsExactly(
            new HandlerView("audit", "DONE", 1, null),
            new HandlerView("flaky", "RETRYING", 1, "downstream answered 503"),
            new HandlerView("webhooks", "DONE", 1, null));

    assertThatThrownBy(() -> activities.handle(new HandlerRun(orgId, "evt_flaky", "flaky", 1)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class);
    assertThat(store.find(orgId, "evt_flaky", type -> expected).orElseThrow().handlers().get(1))
        .isEqualTo(new HandlerView("flaky", "RETRYING", 2, "downstream answered 503"));
    int succeeded = activities.handle(new HandlerRun(orgId, "evt_flaky", "flaky", 2));
    activities.finish(
        new HandlerResults(
            orgId, "evt_flaky",
            List.of(new HandlerResults.Done("audit", 1), new HandlerResults.Done("webhooks", 1),
                new HandlerResults.Done("flaky", succeeded)),
            List.of()));

    EventView processed = store.find(orgId, "evt_flaky", type -> List.of()).orElseThrow();
    assertThat(succeeded).isEqualTo(3);
    assertThat(processed.status()).isEqualTo("PROCESSED");
    assertThat(processed.handlers())
        .containsExactly(
            new HandlerView("audit", "DONE", 1, null), new HandlerView("flaky", "DONE", 3, "downstream answered 503"),
            new HandlerView("webhooks", "DONE", 1, null));
  }

  @Test
  void aHandlerThatGaveUpShowsFailedWithItsLastError() {
    publish("evt_broken", "contact.created", null, null);
    flakyFailures.set(100);
    activities.process(new EventRequest(orgId, "evt_broken"));

    activities.finish(
        new HandlerResults(
            orgId, "evt_broken",
            List.of(new HandlerResults.Done("audit", 1), new HandlerResults.Done("webhooks", 1)), List.of("flaky")));

    EventView processed = store.find(orgId, "evt_broken", type -> List.of()).orElseThrow();
    assertThat(processed.status()).isEqualTo("PROCESSED");
    assertThat(processed.handlers()).contains(new HandlerView("flaky", "FAILED", 1, "downstream answered 503"));
  }

  @Test
  void anEventOfAnotherOrganizationIsNeitherFoundNorProcessed() {
    publish("evt_mine", "petition.completed", null, null);

    assertThat(store.find("other-org", "evt_mine", type -> List.of())).isEmpty();
    assertThatThrownBy(() -> activities.process(new EventRequest("other-org", "evt_mine")))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo("InvalidInput");
          assertThat(f.isNonRetryable()).isTrue();
        });
  }
}
