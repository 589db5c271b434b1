package io.workerplatform.host.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

  @Test
  void listensOnLoopbackUnlessGivenAnotherAddress() throws Exception {
    Optional<InetAddress> external = nonLoopbackAddress();
    assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
    int port = FreePort.find();
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(port, "default")) {
      assertThat(accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
      assertThat(accepts(external.get(), port)).as("reachable on " + external.get()).isFalse();
    }
    int everywhere = FreePort.find();
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start("0.0.0.0", everywhere, "default")) {
      assertThat(accepts(external.get(), everywhere)).isTrue();
    }
  }

  private static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(nic -> {
          try {
            return nic.isUp() && !nic.isLoopback();
          } catch (SocketException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
        .findFirst();
  }

  private static Object lockLog(EmbeddedTemporalServer server) throws ReflectiveOperationException {
    Object timer = field(field(server, "services"), "selfAdvancingTimer");
    return field(timer, "lockEvents");
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }
}
