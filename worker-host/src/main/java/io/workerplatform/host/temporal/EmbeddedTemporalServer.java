package io.workerplatform.host.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.workerplatform.common.PlatformSearchAttributes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server bound to a real port, in real time (no time skipping). A
 * development server: it keeps every history in memory, slows down as it ages, and loses
 * everything when its process stops. It has no Schedules, no visibility queries, no reset and
 * does not enforce parent close policies.
 *
 * <p>It listens on one address, loopback by default: it has no authentication, so anyone who
 * reaches its port can read, start and terminate workflows. (The test server's own
 * {@code createPortBoundServer} listens on every interface; this builds the same server from its
 * parts with an address.)
 */
public final class EmbeddedTemporalServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 7233;
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final TestServicesStarter services;
  private final Server server;
  private final int port;
  private boolean lockLogTrimmed;

  private EmbeddedTemporalServer(TestServicesStarter services, Server server, int port) {
    this.services = services;
    this.server = server;
    this.port = port;
  }

  /** Starts the server on loopback port {@code port} and registers the search attributes. */
  public static EmbeddedTemporalServer start(int port, String namespace) {
    return start(DEFAULT_BIND_ADDRESS, port, namespace);
  }

  /**
   * Starts the server on {@code bindAddress} ({@code 0.0.0.0} for every interface) and {@code
   * port}, and registers the platform's search attributes.
   */
  public static EmbeddedTemporalServer start(String bindAddress, int port, String namespace) {
    // Time skipping locked: timers take real time, as on a real server.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    Server server;
    try {
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port), InsecureServerCredentials.create());
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      server = builder.build().start();
    } catch (IOException | RuntimeException e) {
      services.close();
      throw new IllegalStateException(
          "Cannot start the embedded Temporal server on " + bindAddress + ":" + port + " (" + e.getMessage()
              + "). If a Temporal server already runs there, use it with TEMPORAL_ADDRESS=127.0.0.1:"
              + port + "; otherwise choose another port with TEMPORAL_EMBEDDED_PORT.",
          e);
    }
    EmbeddedTemporalServer embedded = new EmbeddedTemporalServer(services, server, port);
    embedded.lockLogTrimmed = LockEventLogTrim.apply(services);
    try {
      embedded.registerSearchAttributes(namespace);
    } catch (RuntimeException e) {
      embedded.close(); // its non-daemon threads would otherwise keep a failed JVM alive
      throw e;
    }
    log.info(
        "Embedded Temporal test server listening on {}:{} (development only: in memory, lost on exit)",
        bindAddress, port);
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

  /** Stops taking calls, lets the ones under way end (5 s at most), then stops the services. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("The embedded Temporal server's calls did not end within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      services.close();
      server.shutdownNow();
    }
  }

  /**
   * The {@code temporal-server [port [bind-address]]} mode: serve until the process is stopped.
   * Loopback unless an address is given, here or in {@code TEMPORAL_EMBEDDED_BIND_ADDRESS} ({@code
   * 0.0.0.0}: every interface).
   */
  public static void serveForever(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
    String bindAddress =
        args.length > 1 ? args[1] : System.getenv().getOrDefault("TEMPORAL_EMBEDDED_BIND_ADDRESS", DEFAULT_BIND_ADDRESS);
    EmbeddedTemporalServer embedded = start(bindAddress, port, "default");
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
