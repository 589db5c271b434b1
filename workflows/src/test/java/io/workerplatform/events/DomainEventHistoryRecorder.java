package io.workerplatform.events;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import io.workerplatform.events.ScriptedEventActivities.Handler;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link DomainEventReplayTest} replays. Run it for a new history, never to
 * overwrite an old one (they are the compatibility check):
 * {@code ./mvnw -pl workflows test -Dtest=DomainEventHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class DomainEventHistoryRecorder {
  @Test
  void record() {
    // Two handlers done at once.
    record("domain-event-processed", "evt_1", new Handler[] {Handler.ok("audit"), Handler.ok("webhooks")},
        (env, a) -> a.add("evt_1", null, null), (env, a) -> {});
    // A handler retried on timers while the other was done; one that gave up after its second try.
    record("domain-event-handler-retried", "evt_2",
        new Handler[] {
          Handler.ok("audit"), Handler.failing("flaky", 2, Duration.ofSeconds(30), 10),
          Handler.failing("broken", -1, Duration.ofSeconds(1), 2)
        },
        (env, a) -> a.add("evt_2", null, null), (env, a) -> {});
    // Delayed by ten minutes, then processed.
    record("domain-event-scheduled", "evt_3", new Handler[] {Handler.ok("audit")},
        (env, a) -> a.add("evt_3", Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofMinutes(10)), null),
        (env, a) -> {});
    // Delayed by a day, cancelled while it waited.
    record("domain-event-cancelled", "evt_4", new Handler[] {Handler.ok("audit")},
        (env, a) -> a.add("evt_4", Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(1)), null),
        (env, a) -> {
          try {
            DomainEventWorkflow workflow =
                env.getWorkflowClient().newWorkflowStub(DomainEventWorkflow.class, DomainEventWorkflow.workflowId("org_1", "evt_4"));
            DomainEventWorkflowTest.await(() -> DomainEventWorkflow.SCHEDULED.equals(workflow.status().status()));
            a.events.get("evt_4").status = DomainEventWorkflow.CANCELLED;
            workflow.cancel();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    // Waited for the event before it with the same ordering key, then told to proceed.
    record("domain-event-ordered", "evt_6", new Handler[] {Handler.ok("slow")},
        (env, a) -> {
          a.add("evt_5", null, "petition/p1");
          a.add("evt_6", null, "petition/p1");
        },
        (env, a) -> {
          try {
            DomainEventWorkflow waiting =
                env.getWorkflowClient().newWorkflowStub(DomainEventWorkflow.class, DomainEventWorkflow.workflowId("org_1", "evt_6"));
            DomainEventWorkflowTest.await(() -> "evt_5".equals(waiting.status().waitingFor()));
            Worker worker = env.getWorkerFactory().getWorker(DomainEventWorkflow.TASK_QUEUE);
            DomainEventWorkflowTest.start(env, worker, "evt_5");
            a.slow.countDown();
            DomainEventWorkflowTest.result(env, "evt_5");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void recordVersionOneOfTheTurnWait() {
    // bounded-turn-wait 1: waited for its turn (the version marker on that path), then proceeded.
    record("domain-event-ordered-bounded-wait", "evt_8", new Handler[] {Handler.ok("slow")},
        (env, a) -> {
          a.add("evt_7", null, "petition/p2");
          a.add("evt_8", null, "petition/p2");
        },
        (env, a) -> {
          try {
            DomainEventWorkflow waiting =
                env.getWorkflowClient().newWorkflowStub(DomainEventWorkflow.class, DomainEventWorkflow.workflowId("org_1", "evt_8"));
            DomainEventWorkflowTest.await(() -> "evt_7".equals(waiting.status().waitingFor()));
            Worker worker = env.getWorkerFactory().getWorker(DomainEventWorkflow.TASK_QUEUE);
            DomainEventWorkflowTest.start(env, worker, "evt_7");
            a.slow.countDown();
            DomainEventWorkflowTest.result(env, "evt_7");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    // bounded-turn-wait 1: the processing step gave up; recorded FAILED, the key released.
    record("domain-event-gave-up-released", "evt_9", new Handler[] {Handler.ok("audit")},
        (env, a) -> {
          a.add("evt_9", null, "petition/p3");
          a.broken.add("evt_9");
        },
        (env, a) -> {});
    // handler-outage-is-not-a-try 1: a handler's retry found the database down for 20 minutes,
    // waited on timers, then succeeded; another handler failed for good beside it.
    record("domain-event-handler-waited-for-database", "evt_10",
        new Handler[] {Handler.failing("flaky", 1, Duration.ofSeconds(5), 5), Handler.failing("broken", -1, Duration.ofSeconds(1), 2)},
        (env, a) -> {
          a.add("evt_10", null, null);
          a.databaseBackAt = env.currentTimeMillis() + Duration.ofMinutes(20).toMillis();
        },
        (env, a) -> {});
  }

  private static void record(
      String name, String eventId, Handler[] handlers,
      BiConsumer<TestWorkflowEnvironment, ScriptedEventActivities> setUp,
      BiConsumer<TestWorkflowEnvironment, ScriptedEventActivities> drive) {
    String workflowId = DomainEventWorkflow.workflowId("org_1", eventId);
    RecordedHistories.record(name, workflowId, env -> {
      Worker worker = env.newWorker(DomainEventWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(DomainEventWorkflowImpl.class);
      ScriptedEventActivities activities = new ScriptedEventActivities(env::currentTimeMillis, handlers);
      worker.registerActivitiesImplementations(activities);
      env.start();
      setUp.accept(env, activities);
      DomainEventWorkflowTest.start(env, worker, eventId);
      drive.accept(env, activities);
      DomainEventWorkflowTest.result(env, eventId);
    });
  }
}
