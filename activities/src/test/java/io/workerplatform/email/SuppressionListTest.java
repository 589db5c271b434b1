package io.workerplatform.email;

import static io.workerplatform.db.Tables.SUPPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Suppressions as keyed hashes: matched whatever the case, no address stored, old rows hashed. */
class SuppressionListTest {
  static TestDatabase db;
  static SuppressionList list;

  @BeforeAll
  static void create() {
    db = TestDatabase.create("suppressions");
    list = db.suppressions();
  }

  @AfterAll
  static void drop() throws Exception {
    db.close();
  }

  @Test
  void anAddressIsSuppressedUnderItsKeyedHashOnly() {
    list.add("Once@Example.com", "complaint");
    list.add("once@example.com", "hard bounce"); // the first reason stays

    assertThat(list.suppressed(List.of("ONCE@example.COM", "other@example.com"))).containsExactly("ONCE@example.COM");
    var row = db.dsl.fetchSingle(SUPPRESSIONS, SUPPRESSIONS.ADDRESS_HMAC.eq(list.hash("once@example.com")));
    assertThat(row.getAddress()).isNull();
    assertThat(row.getReason()).isEqualTo("complaint");
    assertThat(row.toString()).doesNotContain("once@example.com");
    // another key finds nothing: the hash is keyed, not a plain digest of the address
    assertThat(new SuppressionList(db.dsl, "another-key-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8))
            .isSuppressed("once@example.com"))
        .isFalse();
  }

  @Test
  void rowsWrittenBeforeHashingAreHashedAndLoseTheirAddress() {
    db.dsl.insertInto(SUPPRESSIONS).set(SUPPRESSIONS.ADDRESS, "legacy@example.com").set(SUPPRESSIONS.REASON, "bounce").execute();
    list.add("twice@example.com", "complaint");
    db.dsl.insertInto(SUPPRESSIONS).set(SUPPRESSIONS.ADDRESS, "twice@example.com").set(SUPPRESSIONS.REASON, "bounce").execute();

    assertThat(list.hashLegacyRows()).isEqualTo(2);

    assertThat(db.dsl.fetchCount(SUPPRESSIONS, SUPPRESSIONS.ADDRESS.isNotNull())).isZero();
    assertThat(list.isSuppressed("Legacy@example.com")).isTrue();
    assertThat(db.dsl.fetchCount(SUPPRESSIONS, SUPPRESSIONS.ADDRESS_HMAC.eq(list.hash("twice@example.com")))).isEqualTo(1);
    assertThat(list.hashLegacyRows()).isZero();
  }
}
