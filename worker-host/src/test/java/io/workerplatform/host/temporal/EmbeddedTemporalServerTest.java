package io.workerplatform.host.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.workerplatform.host.support.FreePort;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalServerTest {

  @WorkflowInterface
  public interface SleepThenEcho {
    @WorkflowMethod
    String run(String value);
  }

  @ActivityInterface
  public interface Echo {
    String echo(String value);
  }

  public static class SleepThenEchoImpl implements SleepThenEcho {
    private final Echo echo =
        Workflow.newActivityStub(
            Echo.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String run(String value) {
      Workflow.sleep(Duration.ofSeconds(1));
      return echo.echo(value);
    }
  }

  @Test
  void runsInRealTimeWithItsLockLogTrimmed() throws Exception {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(FreePort.find(), "default")) {
      assertThat(server.lockLogTrimmed()).isTrue();
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        var worker = factory.newWorker("echo");
        worker.registerWorkflowImplementationTypes(SleepThenEchoImpl.class);
        worker.registerActivitiesImplementations((Echo) value -> "echo " + value);
        factory.start();

        long started = System.nanoTime();
        IntStream.range(0, 20)
            .forEach(
                i ->
                    WorkflowClient.start(
                        client.newWorkflowStub(
                                SleepThenEcho.class,
                                WorkflowOptions.newBuilder().setTaskQueue("echo").setWorkflowId("echo-" + i).build())
                            ::run,
                        "v" + i));
        List<String> results =
            IntStream.range(0, 20)
                .mapToObj(i -> client.newUntypedWorkflowStub("echo-" + i).getResult(String.class))
                .toList();

        // Time skipping stays locked: the one-second timers took real time.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(results).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "echo v" + i).toList());
        assertThat(lockLog(server))
            .isInstanceOfSatisfying(
                LockEventLogTrim.DiscardingList.class, log -> assertThat(log).isEmpty());
        factory.shutdownNow();
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static Object lockLog(EmbeddedTemporalServer server) throws ReflectiveOperationException {
    Object testServer = field(server, "server");
    Object timer = field(field(testServer, "testServicesStarter"), "selfAdvancingTimer");
    return field(timer, "lockEvents");
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }
}
