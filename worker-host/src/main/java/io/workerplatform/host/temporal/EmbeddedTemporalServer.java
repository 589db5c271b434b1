package io.workerplatform.host.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.workerplatform.common.PlatformSearchAttributes;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server bound to a real port, in real time (no time skipping). A
 * development server: it keeps every history in memory, slows down as it ages, and loses
 * everything when its process stops. It has no Schedules, no visibility queries, no reset and
 * does not enforce parent close policies.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 7233;
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final TestServer.PortBoundTestServer server;
  private final int port;
  private boolean lockLogTrimmed;

  private EmbeddedTemporalServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts the server on {@code port} and registers the platform's search attributes. */
  public static EmbeddedTemporalServer start(int port, String namespace) {
    TestServer.PortBoundTestServer server;
    try {
      server = TestServer.createPortBoundServer(port, true);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot start the embedded Temporal server on port " + port + " (" + e.getMessage()
              + "). If a Temporal server already runs there, use it with TEMPORAL_ADDRESS=127.0.0.1:"
              + port + "; otherwise choose another port with TEMPORAL_EMBEDDED_PORT.",
          e);
    }
    EmbeddedTemporalServer embedded = new EmbeddedTemporalServer(server, port);
    embedded.lockLogTrimmed = LockEventLogTrim.apply(server);
    try {
      embedded.registerSearchAttributes(namespace);
    } catch (RuntimeException e) {
      embedded.close(); // its non-daemon threads would otherwise keep a failed JVM alive
      throw e;
    }
    log.info(
        "Embedded Temporal test server listening on 127.0.0.1:{} (development only: in memory, lost on exit)",
        port);
    return embedded;
  }

  /** Whether the server runs with {@link LockEventLogTrim} applied (it slows with age if not). */
  boolean lockLogTrimmed() {
    return lockLogTrimmed;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  /** Registers OrgId and EntityId through the operator service, as on a real server. */
  void registerSearchAttributes(String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target())
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
      PlatformSearchAttributes.ALL.forEach(
          key ->
              request.putSearchAttributes(
                  key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    } finally {
      operator.shutdownNow();
    }
  }

  @Override
  public void close() {
    server.close();
  }

  /** The {@code temporal-server [port]} mode: serve until the process is stopped. */
  public static void serveForever(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
    EmbeddedTemporalServer embedded = start(port, "default");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  embedded.close();
                  stopped.countDown();
                }));
    System.out.println(
        "Temporal test server on " + embedded.target()
            + ". Point workers at it with TEMPORAL_ADDRESS=" + embedded.target());
    stopped.await();
  }
}
