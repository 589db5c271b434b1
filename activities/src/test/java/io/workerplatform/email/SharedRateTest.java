package io.workerplatform.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The send rate shared by hosts, counted in PostgreSQL. */
class SharedRateTest {
  static TestDatabase db;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("shared_rate");
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  @Test
  void ratesAreWrittenPerSecondOrPerMinute() {
    assertThat(SharedRate.Rate.parse("200/s")).isEqualTo(new SharedRate.Rate(200, Duration.ofSeconds(1)));
    assertThat(SharedRate.Rate.parse(" 100 / min ")).isEqualTo(new SharedRate.Rate(100, Duration.ofMinutes(1)));
    assertThat(SharedRate.Rate.parse("5/second").perSecondValue()).isEqualTo(5.0);
    assertThat(SharedRate.Rate.parse("120/minute").perSecondValue()).isEqualTo(2.0);
    assertThat(SharedRate.Rate.parse("100/min")).hasToString("100/min");
    for (String wrong : List.of("", "0/s", "100", "100/h", "-1/s", "1.5/s")) {
      assertThatThrownBy(() -> SharedRate.Rate.parse(wrong)).as(wrong)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200/s or 100/min");
    }
  }

  @Test
  void aWindowGrantsItsPermitsOnceWhoeverAsksAndALaterWindowStartsAfresh() {
    SharedRate hostA = new SharedRate(db.dsl, "grants", SharedRate.Rate.perSecond(10), Clock.systemUTC());
    SharedRate hostB = new SharedRate(db.dsl, "grants", SharedRate.Rate.perSecond(10), Clock.systemUTC());
    long window = 1_000_000;

    assertThat(hostA.reserve(window, 4)).isEqualTo(4);
    assertThat(hostB.reserve(window, 4)).isEqualTo(4);
    assertThat(hostA.reserve(window, 4)).isEqualTo(2); // 10 in all
    assertThat(hostB.reserve(window, 4)).isZero();
    // the ring's slot of window + 120 is the same row: the later window starts from zero
    assertThat(hostB.reserve(window + SharedRate.RING, 4)).isEqualTo(4);
    // and an earlier window (a clock behind) gets nothing from the row a later one holds
    assertThat(hostA.reserve(window, 1)).isZero();
  }

  @Test
  void threeHostsSendingAtOnceStayWithinTheRateInEveryCalendarSecond() throws Exception {
    int rate = 40;
    List<SharedRate> hosts = List.of(
        new SharedRate(db.dsl, "three-hosts", SharedRate.Rate.perSecond(rate), Clock.systemUTC()),
        new SharedRate(db.dsl, "three-hosts", SharedRate.Rate.perSecond(rate), Clock.systemUTC()),
        new SharedRate(db.dsl, "three-hosts", SharedRate.Rate.perSecond(rate), Clock.systemUTC()));
    ConcurrentLinkedQueue<Long> sends = new ConcurrentLinkedQueue<>();
    int perThread = 20;
    ExecutorService pool = Executors.newFixedThreadPool(9);
    List<Future<?>> running = new ArrayList<>();
    for (SharedRate host : hosts) {
      for (int t = 0; t < 3; t++) { // three sending threads per host
        running.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            host.acquire(() -> {});
            sends.add(System.currentTimeMillis());
          }
        }));
      }
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();

    Map<Long, Integer> perSecond = new TreeMap<>();
    sends.forEach(at -> perSecond.merge(at / 1000, 1, Integer::sum));
    assertThat(sends).hasSize(9 * perThread);
    assertThat(perSecond.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(rate));
    // 180 sends at 40 a second: at least four more seconds begun after the first
    assertThat(perSecond).hasSizeGreaterThanOrEqualTo(5);
  }
}
