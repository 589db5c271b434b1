package io.workerplatform.host.relay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.workerplatform.common.PlatformMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The relay's rounds over sources of unstarted rows, with the log it writes. */
class StartRelayTest {
  private static final RelayProperties PROPERTIES = new RelayProperties(Duration.ofSeconds(30), Duration.ofSeconds(30));

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(StartRelay.class);

  @BeforeEach
  void captureLog() {
    logged.start();
    logger.addAppender(logged);
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PlatformMetrics metrics = new PlatformMetrics(registry, false);

  private double relayed(String capability, String outcome) {
    var counter =
        registry.find("platform.relay.starts").tags("capability", capability, "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(logged);
  }

  /** Rows that stay unstarted until started; {@code failing} says how starting a row fails. */
  static class Source implements UnstartedRows<String> {
    final List<String> unstarted = new CopyOnWriteArrayList<>();
    final List<String> started = new ArrayList<>();
    final Map<String, RuntimeException> failing;
    final String what;

    Source(String what, List<String> rows, Map<String, RuntimeException> failing) {
      this.what = what;
      this.unstarted.addAll(rows);
      this.failing = failing;
    }

    @Override
    public String what() {
      return what;
    }

    @Override
    public String capability() {
      return what.replace("(s)", "").replace(' ', '-');
    }

    @Override
    public List<String> stored(Duration olderThan, int limit) {
      return unstarted.stream().limit(limit).toList();
    }

    @Override
    public String id(String row) {
      return row;
    }

    @Override
    public void start(String row) {
      RuntimeException failure = failing.get(row);
      if (failure != null) {
        throw failure;
      }
      started.add(row);
      unstarted.remove(row);
    }
  }

  private static WorkflowServiceException temporal(Status status) {
    return new WorkflowServiceException(
        WorkflowExecution.newBuilder().setWorkflowId("wf").build(), "Type", new StatusRuntimeException(status));
  }

  private List<String> messages(ch.qos.logback.classic.Level level) {
    return logged.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void aRowThatFailsToStartDoesNotStopTheRestOfItsRoundNorTheOtherSources() {
    Source bulkSends =
        new Source(
            "bulk send(s)",
            List.of("bs_1", "bs_2", "bs_3"),
            Map.of("bs_2", new IllegalStateException("petition pt_9 has no template")));
    Source erasures = new Source("erasure(s)", List.of("contact ct_1"), Map.of());

    new StartRelay(List.of(bulkSends, erasures), PROPERTIES, metrics).relay();

    assertThat(bulkSends.started).containsExactly("bs_1", "bs_3");
    assertThat(erasures.started).containsExactly("contact ct_1");
    assertThat(relayed("bulk-send", "STARTED")).isEqualTo(2);
    assertThat(relayed("bulk-send", "FAILED")).isEqualTo(1);
    assertThat(relayed("erasure", "STARTED")).isEqualTo(1);
    assertThat(messages(ch.qos.logback.classic.Level.ERROR))
        .containsExactly("Relay: could not start bulk send(s) bs_2: java.lang.IllegalStateException: petition pt_9 has no template");
    assertThat(messages(ch.qos.logback.classic.Level.WARN)).isEmpty();
  }

  @Test
  void moreFailingRowsThanABatchStillLetTheOthersStart() {
    List<String> rows = IntStream.range(0, 250).mapToObj(i -> String.format("row_%03d", i)).toList();
    Map<String, RuntimeException> failing = new java.util.HashMap<>();
    rows.subList(0, 150).forEach(r -> failing.put(r, new IllegalArgumentException("bad row")));
    Source source = new Source("signature request(s)", rows, failing);

    new StartRelay(List.of(source), PROPERTIES, metrics).relay();

    assertThat(source.started).containsExactlyElementsOf(rows.subList(150, 250));
    assertThat(messages(ch.qos.logback.classic.Level.ERROR)).hasSize(150);
  }

  @Test
  void temporalUnreachableEndsTheRoundWithOneWarningAndOtherErrorsAreNotCalledThat() {
    Source refused =
        new Source("bulk send(s)", List.of("bs_1", "bs_2"), Map.of("bs_1", temporal(Status.INVALID_ARGUMENT)));
    Source unreachable =
        new Source("erasure(s)", List.of("contact ct_1", "contact ct_2"), Map.of("contact ct_1", temporal(Status.UNAVAILABLE)));
    Source after = new Source("export(s)", List.of("exp_1"), Map.of());

    new StartRelay(List.of(refused, unreachable, after), PROPERTIES, metrics).relay();

    assertThat(refused.started).containsExactly("bs_2");
    assertThat(unreachable.started).isEmpty();
    assertThat(after.started).isEmpty(); // no point trying while Temporal cannot be reached
    assertThat(messages(ch.qos.logback.classic.Level.ERROR))
        .singleElement()
        .asString()
        .startsWith("Relay: Temporal refused to start bulk send(s) bs_1: ");
    assertThat(messages(ch.qos.logback.classic.Level.WARN))
        .singleElement()
        .asString()
        .startsWith("Relay: Temporal still unreachable, will retry");
  }

  @Test
  void aDatabaseErrorListingOneSourceIsLoggedAsSuchAndTheNextSourceRuns() {
    Source broken =
        new Source("bulk send(s)", List.of(), Map.of()) {
          @Override
          public List<String> stored(Duration olderThan, int limit) {
            throw new org.springframework.dao.DataAccessResourceFailureException("Connection refused");
          }
        };
    Source erasures = new Source("erasure(s)", List.of("contact ct_1"), Map.of());

    new StartRelay(List.of(broken, erasures), PROPERTIES, metrics).relay();

    assertThat(erasures.started).containsExactly("contact ct_1");
    assertThat(messages(ch.qos.logback.classic.Level.ERROR))
        .singleElement()
        .asString()
        .startsWith("Relay: could not list unstarted bulk send(s): ")
        .contains("Connection refused");
    assertThat(messages(ch.qos.logback.classic.Level.WARN)).isEmpty();
  }
}
