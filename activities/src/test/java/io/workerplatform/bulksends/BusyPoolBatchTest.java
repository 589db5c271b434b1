package io.workerplatform.bulksends;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.workerplatform.bulksends.BulkSendActivities.BatchRequest;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.email.LocalEmail;
import io.workerplatform.petitions.PetitionStore;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bulk-send batch on a HikariCP pool whose only connection another holder keeps for 6 s, under a
 * heartbeat timeout of 2 s (production: 5 s): the batch heartbeats while it waits for the
 * connection, so Temporal starts no second attempt, and each recipient gets one message, none in
 * doubt. Before, the wait was silent: the heartbeat timed out and a second attempt started.
 */
class BusyPoolBatchTest {
  @WorkflowInterface
  public interface OneBatch {
    @WorkflowMethod
    Counters run(BatchRequest request);
  }

  public static class OneBatchImpl implements OneBatch {
    @Override
    public Counters run(BatchRequest request) {
      return Workflow.newActivityStub(
              BulkSendActivities.class,
              ActivityOptions.newBuilder(BulkSendWorkflowImpl.BATCH_OPTIONS)
                  .setHeartbeatTimeout(Duration.ofSeconds(2))
                  .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).setMaximumAttempts(3).build())
                  .build())
          .sendBatch(request);
    }
  }

  static TestDatabase db;
  static LocalEmail email;

  @BeforeAll
  static void start() {
    db = TestDatabase.pooled("busy_pool", 1);
    email = LocalEmail.start(db);
    db.organizations().create("acme", "Acme");
  }

  @AfterAll
  static void stop() throws Exception {
    email.close();
    db.close();
  }

  @Test
  void aBatchWaitingForTheOnlyConnectionHeartbeatsAndRunsOnce() throws Exception {
    List<String> contacts = new ContactStore(db.dsl, Clock.systemUTC())
        .createContacts("acme", List.of(new NewContact("a@pool.example", "A", null), new NewContact("b@pool.example", "B", null)));
    String petition = new PetitionStore(db.dsl, Clock.systemUTC()).create("acme", "Longer hours").id();
    String bulkSend = new BulkSendStore(db.dsl, Clock.systemUTC()).create("acme", petition, "petition-invite", contacts);
    String through = contacts.stream().max(String::compareTo).orElseThrow();

    CountDownLatch held = new CountDownLatch(1);
    Thread holder = Thread.ofPlatform().start(() -> {
      try (Connection only = db.dataSource.getConnection()) {
        held.countDown();
        Thread.sleep(6_000);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    held.await();
    Counters counters;
    String workflowId = "busy-pool-batch";
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("busy-pool");
      worker.registerWorkflowImplementationTypes(OneBatchImpl.class);
      worker.registerActivitiesImplementations(
          new BulkSendActivitiesImpl(new BulkSendStore(db.dsl, Clock.systemUTC()), email.emails(), new BulkSendSettings(100, 2, 10_000)));
      env.start();
      counters = env.getWorkflowClient()
          .newWorkflowStub(OneBatch.class, WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue("busy-pool").build())
          .run(new BatchRequest(bulkSend, null, through));
      var started = env.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
          .map(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
          .toList();
      assertThat(started).as("attempts of the batch").containsExactly(1);
    }
    holder.join();

    assertThat(counters).isEqualTo(new Counters(2, 0, 0, 0));
    assertThat(email.ses().emails()).hasSize(2);
    assertThat(db.dsl.select(EMAIL_MESSAGES.SEND_ATTEMPTS, EMAIL_MESSAGES.IN_DOUBT).from(EMAIL_MESSAGES)
            .where(EMAIL_MESSAGES.BULK_SEND_ID.eq(bulkSend)).fetch(r -> r.value1() + " " + r.value2()))
        .containsExactly("1 false", "1 false");
  }
}
