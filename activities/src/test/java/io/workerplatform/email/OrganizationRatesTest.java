package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_SEND_BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An organization's share of the global email rate: its own budget, before the global one. */
class OrganizationRatesTest {
  static TestDatabase db;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("organization_rates");
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  /** Acquires {@code n} permits for the organization; returns how many fell in each calendar second. */
  private static Collection<Integer> perSecond(OrganizationRates rates, String orgId, int n) {
    Map<Long, Integer> seconds = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      rates.acquire(orgId, () -> {});
      seconds.merge(System.currentTimeMillis() / 1000, 1, Integer::sum);
    }
    return new ArrayList<>(seconds.values());
  }

  @Test
  void anOrganizationWithAShareSendsAtMostItsShareAndOneWithoutIsHeldOnlyByTheGlobalRate() {
    Map<String, Double> shares = new ConcurrentHashMap<>(Map.of("org-quarter", 0.25));
    OrganizationRates rates = new OrganizationRates(db.dsl,
        new SharedRate(db.dsl, "email-global-test", SharedRate.Rate.perSecond(40), Clock.systemUTC()),
        orgId -> Optional.ofNullable(shares.get(orgId)));

    Collection<Integer> quarter = perSecond(rates, "org-quarter", 25);
    Collection<Integer> whole = perSecond(rates, "org-whole", 25);

    // a quarter of 40 a second: 10 at the most, so 25 take at least three calendar seconds; plus, as
    // documented, the one send per sending thread (one here) whose organization permit was taken
    // in the window before it waited for the global rate across the window's end
    assertThat(quarter).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10 + 1));
    assertThat(quarter).hasSizeGreaterThanOrEqualTo(3);
    // the other organization is held by the global rate only: 25 fit in one or two seconds
    assertThat(whole).hasSizeLessThanOrEqualTo(2);
    assertThat(whole.stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThan(10);
    assertThat(db.dsl.fetchValues(EMAIL_SEND_BUDGET.NAME)).contains("email/org-quarter").doesNotContain("email/org-whole");

    // a new share takes effect with the next send: half of 40
    shares.put("org-quarter", 0.5);
    assertThat(perSecond(rates, "org-quarter", 45)).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(20 + 1));
  }

  @Test
  void aTinyShareStillSendsOneAWindow() {
    OrganizationRates rates = new OrganizationRates(db.dsl,
        new SharedRate(db.dsl, "email-global-tiny", SharedRate.Rate.perSecond(10), Clock.systemUTC()),
        orgId -> Optional.of(0.001));

    assertThat(perSecond(rates, "org-tiny", 3)).containsOnly(1);
  }
}
