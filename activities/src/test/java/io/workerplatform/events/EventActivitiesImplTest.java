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
import io.workerplatform.webhook.WebhookActivitiesImpl;
import io.workerplatform.webhook.WebhookEventHandler;
import io.workerplatform.webhook.WebhookReceiver;
import io.workerplatform.webhook.WebhookSender;
import io.workerplatform.webhook.WebhookSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
        new WebhookEventHandler(db.dsl, Clock.systemUTC(), attempts, new WebhookEventHandler.DeliveryWorkflows() {
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
    EventPlan plan = activities.begin(new EventRequest(orgId, "evt_twice"));
    assertThat(plan.status()).isEqualTo("PROCESSING");
    assertThat(plan.handlers()).extracting(EventPlan.HandlerPlan::name).containsExactly("audit", "webhooks");

    for (int run = 0; run < 2; run++) {
      activities.handle(new HandlerRun(orgId, "evt_twice", "audit"));
      activities.handle(new HandlerRun(orgId, "evt_twice", "webhooks"));
    }

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
  }

  @Test
  void aFirstAttemptThatFailsStartsTheDeliveryWorkflowForTheRetriesAgainOnARerunButSendsOnce() {
    receiver.answer(500);
    db.subscriptionStore().create(orgId, receiver.url("/down"), List.of("petition.completed"));
    var event = publish("evt_retry", "petition.completed", null, null);
    activities.begin(new EventRequest(orgId, "evt_retry"));

    activities.handle(new HandlerRun(orgId, "evt_retry", "webhooks"));
    activities.handle(new HandlerRun(orgId, "evt_retry", "webhooks"));

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
    assertThat(activities.begin(new EventRequest(orgId, "evt_later")).status()).isEqualTo("SCHEDULED");

    // its time comes
    db.dsl.update(DOMAIN_EVENTS).set(DOMAIN_EVENTS.PROCESS_AT, java.time.OffsetDateTime.now().minusSeconds(1))
        .where(DOMAIN_EVENTS.EXTERNAL_ID.eq("evt_later")).execute();
    assertThat(activities.begin(new EventRequest(orgId, "evt_later")).status()).isEqualTo("PROCESSING");
    activities.handle(new HandlerRun(orgId, "evt_later", "webhooks"));

    assertThat(view("evt_later").status()).isEqualTo("PROCESSING");
    assertThat(view("evt_later").deliveryIds()).hasSize(1);
    assertThat(receiver.received).hasSize(1);
  }

  @Test
  void onlyAScheduledEventCanBeCancelledAndItThenEndsWithoutHandlers() {
    publish("evt_cancel", "petition.completed", Instant.now().plus(Duration.ofHours(1)), null);
    publish("evt_now", "petition.completed", null, null);

    store.cancel(orgId, "evt_cancel");

    assertThat(activities.begin(new EventRequest(orgId, "evt_cancel")).status()).isEqualTo("CANCELLED");
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

    EventPlan second = activities.begin(new EventRequest(orgId, "evt_second"));
    assertThat(second.status()).isEqualTo(EventPlan.WAITING);
    assertThat(second.waitingFor()).isEqualTo("evt_first");
    assertThat(activities.begin(new EventRequest(orgId, "evt_elsewhere")).status()).isEqualTo("PROCESSING");

    activities.begin(new EventRequest(orgId, "evt_first"));
    String next = activities.finish(new HandlerResults(orgId, "evt_first", List.of(), List.of()));

    assertThat(next).isEqualTo("evt_second");
    assertThat(activities.begin(new EventRequest(orgId, "evt_second")).status()).isEqualTo("PROCESSING");
  }

  @Test
  void aFailingHandlerIsVisibleRetryingWithItsErrorThenDoneOrFailed() {
    publish("evt_flaky", "contact.created", null, null);
    activities.begin(new EventRequest(orgId, "evt_flaky"));
    flakyFailures.set(2);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> activities.handle(new HandlerRun(orgId, "evt_flaky", "flaky")))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOf(ApplicationFailure.class);
    }
    EventView retrying = store.find(orgId, "evt_flaky", type -> List.of("audit", "flaky")).orElseThrow();
    assertThat(retrying.handlers())
        .containsExactly(
            new HandlerView("audit", "PENDING", 0, null),
            new HandlerView("flaky", "RETRYING", 1, "downstream answered 503"));

    activities.handle(new HandlerRun(orgId, "evt_flaky", "audit"));
    activities.recordHandlers(new HandlerResults(orgId, "evt_flaky", List.of(new HandlerResults.Done("audit", 1)), List.of()));
    assertThat(store.find(orgId, "evt_flaky", type -> List.of("audit", "flaky")).orElseThrow().handlers())
        .first().isEqualTo(new HandlerView("audit", "DONE", 1, null));

    activities.finish(new HandlerResults(orgId, "evt_flaky", List.of(new HandlerResults.Done("audit", 1)), List.of("flaky")));
    EventView processed = store.find(orgId, "evt_flaky", type -> List.of()).orElseThrow();
    assertThat(processed.status()).isEqualTo("PROCESSED");
    assertThat(processed.handlers())
        .containsExactly(
            new HandlerView("audit", "DONE", 1, null), new HandlerView("flaky", "FAILED", 1, "downstream answered 503"));
  }

  @Test
  void anEventOfAnotherOrganizationIsNeitherFoundNorProcessed() {
    publish("evt_mine", "petition.completed", null, null);

    assertThat(store.find("other-org", "evt_mine", type -> List.of())).isEmpty();
    assertThatThrownBy(() -> activities.begin(new EventRequest("other-org", "evt_mine")))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo("InvalidInput");
          assertThat(f.isNonRetryable()).isTrue();
        });
  }
}
