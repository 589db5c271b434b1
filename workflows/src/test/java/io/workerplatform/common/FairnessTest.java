package io.workerplatform.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The organization as Temporal's fairness key, within the server's 64 bytes. */
class FairnessTest {
  @Test
  void theKeyIsTheOrganizationsIdOrTheHashOfAnIdLongerThanTheServerTakes() {
    assertThat(Fairness.key("acme")).isEqualTo("acme");
    String longest = "o".repeat(64);
    assertThat(Fairness.key(longest)).isEqualTo(longest);
    String tooLong = "o".repeat(65);
    assertThat(Fairness.key(tooLong)).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(Fairness.key(tooLong))
        .isNotEqualTo(Fairness.key("o".repeat(66)));
  }

  @Test
  void aPriorityCarriesTheKeyAndATaskPriorityOnlyWhenGiven() {
    assertThat(Fairness.priority("acme", 0).getFairnessKey()).isEqualTo("acme");
    assertThat(Fairness.priority("acme", 0).getPriorityKey()).isZero(); // the server's default
    assertThat(Fairness.priority("acme", 5).getPriorityKey()).isEqualTo(5);
    assertThat(Fairness.priority("acme", 5).getFairnessKey()).isEqualTo("acme");
  }
}
