package io.workerplatform.webhooks;

import io.workerplatform.outbox.Outbox;
import io.workerplatform.events.EventStore;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static io.workerplatform.db.Tables.WEBHOOK_SUBSCRIPTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.webhooks.AttemptOutcome.Result;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookActivitiesImplTest {
  private static final TestDatabase db = TestDatabase.create("webhook_activities");
  private final WebhookStore store = db.webhookStore();
  private final SubscriptionStore subscriptions = db.subscriptionStore();
  private final WebhookReceiver receiver = new WebhookReceiver();
  private final WebhookSettings settings =
      new WebhookSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), true, 3, 1024);
  private TestActivityEnvironment env;
  private WebhookActivities activities;
  private String orgId;

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new WebhookActivitiesImpl(store, new WebhookSender(settings, Clock.systemUTC()), settings));
    activities = env.newActivityStub(WebhookActivities.class, WebhookDeliveryWorkflowImpl.ATTEMPT_OPTIONS);
    orgId = io.workerplatform.common.Ids.newId("org");
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

  private EventStore.StoredEvent publish(Subscription subscription, String type) {
    return db.storeEvent(
        orgId, io.workerplatform.common.Ids.newId("evt"), type, "{\"petitionId\":\"pet_1\",\"n\":1}");
  }

  @Test
  void deliversASignedEnvelopeAndRecordsTheAttempt() throws Exception {
    Subscription subscription =
        subscriptions.create(orgId, receiver.url("/hooks"), List.of("petition.completed"));
    EventStore.StoredEvent event = publish(subscription, "petition.completed");
    String deliveryId = event.deliveryIds().get(0);

    AttemptOutcome outcome = activities.attempt(new AttemptRequest(deliveryId, 60));

    assertThat(outcome).isEqualTo(new AttemptOutcome(1, Result.DELIVERED, 200));
    WebhookReceiver.Received request = receiver.received.get(0);
    JsonNode body = TestDatabase.JSON.readTree(request.body());
    assertThat(body.get("id").asString()).isEqualTo(event.eventId());
    assertThat(body.get("type").asString()).isEqualTo("petition.completed");
    assertThat(body.get("orgId").asString()).isEqualTo(orgId);
    assertThat(body.get("data").get("petitionId").asString()).isEqualTo("pet_1");
    assertThat(request.header("webhook-id")).isEqualTo(deliveryId);
    assertThat(request.header("webhook-signature"))
        .isEqualTo(
            StandardWebhooksVerifier.expectedSignature(
                subscription.secret(),
                deliveryId,
                Long.parseLong(request.header("webhook-timestamp")),
                request.body().getBytes(StandardCharsets.UTF_8)));
    DeliveryView view = store.findDelivery(deliveryId).orElseThrow();
    assertThat(view.status()).isEqualTo("DELIVERED");
    assertThat(view.nextAttemptAt()).isNull();
    assertThat(view.attempts()).singleElement().satisfies(a -> {
      assertThat(a.number()).isEqualTo(1);
      assertThat(a.statusCode()).isEqualTo(200);
      assertThat(a.error()).isNull();
    });
  }

  @Test
  void aFailureSchedulesTheNextAttemptAndTheLastOneFails() {
    receiver.answer(500);
    Subscription subscription =
        subscriptions.create(orgId, receiver.url("/hooks"), List.of("petition.completed"));
    String deliveryId = publish(subscription, "petition.completed").deliveryIds().get(0);

    OffsetDateTime before = OffsetDateTime.now();
    AttemptOutcome first = activities.attempt(new AttemptRequest(deliveryId, 300));
    DeliveryView waiting = store.findDelivery(deliveryId).orElseThrow();
    AttemptOutcome last = activities.attempt(new AttemptRequest(deliveryId, 0));

    assertThat(first).isEqualTo(new AttemptOutcome(1, Result.FAILED, 500));
    assertThat(waiting.status()).isEqualTo("WAITING");
    assertThat(waiting.nextAttemptAt())
        .isBetween(before.plusSeconds(299).toInstant(), before.plusSeconds(310).toInstant());
    assertThat(last).isEqualTo(new AttemptOutcome(2, Result.FAILED, 500));
    DeliveryView failed = store.findDelivery(deliveryId).orElseThrow();
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.lastError()).isEqualTo("HTTP 500");
    assertThat(failed.attempts()).extracting(DeliveryView.Attempt::statusCode).containsExactly(500, 500);
  }

  @Test
  void goneDisablesTheSubscriptionAndLaterDeliveriesSendNothing() {
    receiver.answer(410);
    Subscription subscription =
        subscriptions.create(orgId, receiver.url("/gone"), List.of("contact.created"));
    String first = publish(subscription, "contact.created").deliveryIds().get(0);
    // Stored before the 410: its subscription matched while it was still enabled.
    String second = publish(subscription, "contact.created").deliveryIds().get(0);

    assertThat(activities.attempt(new AttemptRequest(first, 60)).result()).isEqualTo(Result.GONE);
    assertThat(activities.attempt(new AttemptRequest(second, 60)))
        .isEqualTo(new AttemptOutcome(0, Result.SUBSCRIPTION_DISABLED, null));

    Subscription disabled = subscriptions.find(subscription.id()).orElseThrow();
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.disabledReason()).isEqualTo("endpoint answered 410 Gone");
    assertThat(receiver.received).hasSize(1);
    assertThat(store.findDelivery(second).orElseThrow().status()).isEqualTo("DISABLED");
    assertThat(publish(subscription, "contact.created").deliveryIds()).isEmpty();
  }

  @Test
  void consecutiveFailuresDisableTheSubscription() {
    receiver.answer(500);
    Subscription subscription =
        subscriptions.create(orgId, receiver.url("/flaky"), List.of("petition.completed"));
    for (int i = 0; i < 3; i++) {
      String id = publish(subscription, "petition.completed").deliveryIds().get(0);
      activities.attempt(new AttemptRequest(id, 60));
    }

    Subscription disabled = subscriptions.find(subscription.id()).orElseThrow();
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.disabledReason()).startsWith("3 consecutive failed attempts");
  }

  @Test
  void anAttemptOfADeletedSubscriptionSendsNothingAndEndsCancelled() {
    Subscription subscription =
        subscriptions.create(orgId, receiver.url("/deleted"), List.of("petition.completed"));
    String id = publish(subscription, "petition.completed").deliveryIds().get(0);
    assertThat(subscriptions.delete(orgId, subscription.id()).orElseThrow())
        .extracting(DeliveryRef::deliveryId).containsExactly(id);

    AttemptOutcome outcome = activities.attempt(new AttemptRequest(id, 60));

    assertThat(outcome).isEqualTo(new AttemptOutcome(0, Result.CANCELLED, null));
    assertThat(receiver.received).isEmpty();
    DeliveryView view = store.findDelivery(id).orElseThrow();
    assertThat(view.status()).isEqualTo("CANCELLED");
    assertThat(view.attempts()).isEmpty();
    // and a new event of the organization no longer fans out to it
    assertThat(publish(subscription, "petition.completed").deliveryIds()).isEmpty();
    assertThat(subscriptions.find(orgId, subscription.id())).isEmpty();
  }

  @Test
  void theSsrfGuardRefusalIsRecordedAndFinal() {
    WebhookSettings guarded = settings.withAllowPrivateAddresses(false).withAllowedHosts(List.of(), true);
    env.close();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new WebhookActivitiesImpl(store, new WebhookSender(guarded, Clock.systemUTC()), guarded));
    activities = env.newActivityStub(WebhookActivities.class, WebhookDeliveryWorkflowImpl.ATTEMPT_OPTIONS);
    Subscription subscription =
        subscriptions.create(orgId, receiver.url("/internal"), List.of("petition.completed"));
    String id = publish(subscription, "petition.completed").deliveryIds().get(0);

    AttemptOutcome outcome = activities.attempt(new AttemptRequest(id, 60));

    assertThat(outcome).isEqualTo(new AttemptOutcome(1, Result.REFUSED, null));
    assertThat(receiver.received).isEmpty();
    DeliveryView view = store.findDelivery(id).orElseThrow();
    assertThat(view.status()).isEqualTo("FAILED");
    assertThat(view.attempts().get(0).error()).isEqualTo("refused: 127.0.0.1 resolves to a non-public address");
  }

  @Test
  void aRetriedActivityFindsItsRecordedAttemptAndDoesNotSendAgain() {
    // The first execution commits its attempt and then dies before answering Temporal, which
    // retries the same activity execution (same workflow run and activity id).
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    WebhookStore crashingOnce =
        new WebhookStore(db.dsl, Clock.systemUTC(), TestDatabase.SECRETS, TestDatabase.JSON) {
          @Override
          java.util.Optional<AttemptTarget> loadTarget(String deliveryId, String attemptKey) {
            lookups.incrementAndGet();
            return super.loadTarget(deliveryId, attemptKey);
          }

          @Override
          int recordAttempt(
              AttemptTarget target, String attemptKey, SendResult sent, Result result, long retryIn, int limit) {
            super.recordAttempt(target, attemptKey, sent, result, retryIn, limit);
            throw new IllegalStateException("worker died after the commit");
          }
        };
    Subscription subscription =
        subscriptions.create(orgId, receiver.url("/once"), List.of("petition.completed"));
    String id = publish(subscription, "petition.completed").deliveryIds().get(0);

    DeliveryStatus result;
    try (io.temporal.testing.TestWorkflowEnvironment workflows =
        io.temporal.testing.TestWorkflowEnvironment.newInstance()) {
      io.temporal.worker.Worker worker = workflows.newWorker(WebhookDeliveryWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new WebhookActivitiesImpl(crashingOnce, new WebhookSender(settings, Clock.systemUTC()), settings));
      workflows.start();
      result =
          workflows
              .getWorkflowClient()
              .newWorkflowStub(
                  WebhookDeliveryWorkflow.class,
                  io.temporal.client.WorkflowOptions.newBuilder()
                      .setTaskQueue(WebhookDeliveryWorkflow.TASK_QUEUE)
                      .setWorkflowId(WebhookDeliveryWorkflow.workflowId(id))
                      .build())
              .deliver(new DeliveryRequest(id));
    }

    assertThat(lookups.get()).isEqualTo(2);
    assertThat(result.status()).isEqualTo("DELIVERED");
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(receiver.received).hasSize(1);
    assertThat(db.dsl.fetchCount(WEBHOOK_ATTEMPTS, WEBHOOK_ATTEMPTS.DELIVERY_ID.eq(id))).isEqualTo(1);
  }

  @Test
  void aFinalStateNoAttemptRecordedEndsAnOpenDeliveryAndLeavesAnEndedOneAlone() {
    receiver.answer(500);
    Subscription subscription =
        subscriptions.create(orgId, receiver.url("/hooks"), List.of("petition.completed"));
    String waiting = publish(subscription, "petition.completed").deliveryIds().get(0);
    activities.attempt(new AttemptRequest(waiting, 60));
    receiver.answer(200);
    String delivered = publish(subscription, "petition.completed").deliveryIds().get(0);
    activities.attempt(new AttemptRequest(delivered, 60));

    activities.recordFinal(new WebhookActivities.FinalState(waiting, "FAILED", "attempts could not run for 24h"));
    activities.recordFinal(new WebhookActivities.FinalState(waiting, "FAILED", "attempts could not run for 24h"));
    activities.recordFinal(new WebhookActivities.FinalState(delivered, "FAILED", "attempts could not run for 24h"));

    DeliveryView failed = store.findDelivery(waiting).orElseThrow();
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.nextAttemptAt()).isNull();
    assertThat(failed.lastError()).isEqualTo("attempts could not run for 24h");
    assertThat(store.findDelivery(delivered).orElseThrow().status()).isEqualTo("DELIVERED");
    assertThatThrownBy(() -> activities.recordFinal(new WebhookActivities.FinalState(waiting, "WAITING", null)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
  }

  @Test
  void anUnknownDeliveryFailsWithoutRetrying() {
    assertThatThrownBy(() -> activities.attempt(new AttemptRequest("dlv_missing", 60)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo("InvalidInput");
              assertThat(f.getOriginalMessage()).contains("dlv_missing");
            });
  }

  @Test
  void storingAnEventFansOutToMatchingEnabledSubscriptionsOnce() {
    Subscription matching =
        subscriptions.create(orgId, receiver.url("/a"), List.of("petition.completed", "x.y"));
    subscriptions.create(orgId, receiver.url("/b"), List.of("contact.created"));
    String otherOrg = io.workerplatform.common.Ids.newId("org");
    db.organizations().create(otherOrg, "Other");
    subscriptions.create(otherOrg, receiver.url("/c"), List.of("petition.completed"));

    EventStore.StoredEvent first = db.storeEvent(orgId, "evt-client-1", "petition.completed", "{}");
    EventStore.StoredEvent again = db.storeEvent(orgId, "evt-client-1", "petition.completed", "{}");

    assertThat(first.created()).isTrue();
    assertThat(first.deliveryIds()).hasSize(1);
    assertThat(first.started()).isFalse();
    assertThat(first.orgId()).isEqualTo(orgId);
    assertThat(again.created()).isFalse();
    assertThat(again.deliveryIds()).isEqualTo(first.deliveryIds());
    assertThat(
            db.dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.EVENT_ID.in(
                DSL.select(DOMAIN_EVENTS.ID).from(DOMAIN_EVENTS).where(DOMAIN_EVENTS.EXTERNAL_ID.eq("evt-client-1")))))
        .isEqualTo(1);
    assertThat(store.findDelivery(first.deliveryIds().get(0)).orElseThrow().subscriptionId())
        .isEqualTo(matching.id());
    assertThatThrownBy(() -> db.storeEvent(orgId, "evt-client-1", "contact.created", "{}"))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> db.storeEvent("org_missing", "evt-2", "petition.completed", "{}"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void signingSecretsAreStoredSealedAndAClearOnePlantedInTheDatabaseIsRefusedNeverUsed() {
    Subscription created = subscriptions.create(orgId, receiver.url("/s"), List.of("a.b"));
    String stored = db.dsl.fetchValue(WEBHOOK_SUBSCRIPTIONS.SECRET, WEBHOOK_SUBSCRIPTIONS.ID.eq(created.id()));
    assertThat(stored).startsWith("enc:v1:").doesNotContain(created.secret().substring(6));
    assertThat(subscriptions.find(created.id()).orElseThrow().secret()).isEqualTo(created.secret());

    // whoever can write the database plants a signing secret it knows
    db.dsl.update(WEBHOOK_SUBSCRIPTIONS).set(WEBHOOK_SUBSCRIPTIONS.SECRET, "whsec_planted")
        .where(WEBHOOK_SUBSCRIPTIONS.ID.eq(created.id())).execute();

    assertThat(subscriptions.sealSecrets()).isZero(); // not sealed into legitimacy at start-up
    assertThat(db.dsl.fetchValue(WEBHOOK_SUBSCRIPTIONS.SECRET, WEBHOOK_SUBSCRIPTIONS.ID.eq(created.id())))
        .isEqualTo("whsec_planted");
    assertThatThrownBy(() -> subscriptions.find(created.id()))
        .isInstanceOf(io.workerplatform.common.SecretBox.NotSealedException.class);
    String delivery = publish(created, "a.b").deliveryIds().get(0);
    assertThatThrownBy(() -> activities.attempt(new AttemptRequest(delivery, 60)))
        .isInstanceOf(io.temporal.failure.ActivityFailure.class)
        .cause().hasMessageContaining("not sealed");
    assertThat(receiver.received).isEmpty();
  }

  @Test
  void anEventIdIsScopedToItsOrganization() {
    subscriptions.create(orgId, receiver.url("/mine"), List.of("petition.completed"));
    String otherOrg = io.workerplatform.common.Ids.newId("org");
    db.organizations().create(otherOrg, "Other");
    subscriptions.create(otherOrg, receiver.url("/theirs"), List.of("contact.created"));
    EventStore.StoredEvent mine = db.storeEvent(orgId, "evt-shared", "petition.completed", "{}");

    // another organization, the same id, even another type: a new event of its own, no conflict
    EventStore.StoredEvent theirs = db.storeEvent(otherOrg, "evt-shared", "contact.created", "{}");

    assertThat(theirs.created()).isTrue();
    assertThat(theirs.eventId()).isEqualTo("evt-shared");
    assertThat(theirs.deliveryIds()).singleElement()
        .satisfies(d -> assertThat(store.findDelivery(otherOrg, d)).isPresent());
    assertThat(theirs.deliveryIds()).doesNotContainAnyElementsOf(mine.deliveryIds());
    assertThat(store.findDelivery(otherOrg, mine.deliveryIds().get(0))).isEmpty();
    assertThat(store.findDelivery(orgId, mine.deliveryIds().get(0)).orElseThrow().eventId()).isEqualTo("evt-shared");
    assertThat(db.storeEvent(orgId, "evt-shared", "petition.completed", "{}").deliveryIds()).isEqualTo(mine.deliveryIds());
  }

  @Test
  void unstartedEventsAreFoundUntilMarkedStarted() {
    subscriptions.create(orgId, receiver.url("/a"), List.of("petition.completed"));
    EventStore.StoredEvent event = publish(null, "petition.completed");
    Outbox outbox = new Outbox(db.dsl, Clock.systemUTC());

    assertThat(outbox.unstarted(EventStore.OUTBOX, Duration.ZERO, 1000)).extracting(r -> r.get(EventStore.OUTBOX.id()))
        .contains(event.id());
    outbox.markStarted(EventStore.OUTBOX, List.of(event.id()));
    assertThat(outbox.unstarted(EventStore.OUTBOX, Duration.ZERO, 1000)).extracting(r -> r.get(EventStore.OUTBOX.id()))
        .doesNotContain(event.id());
  }
}
