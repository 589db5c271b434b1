package io.workerplatform.idempotency;

import static io.workerplatform.db.Tables.IDEMPOTENCY_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.idempotency.IdempotencyStore.Claimed;
import io.workerplatform.idempotency.IdempotencyStore.Mismatch;
import io.workerplatform.idempotency.IdempotencyStore.Replay;
import io.workerplatform.idempotency.IdempotencyStore.Running;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyStoreTest {
  private static final Duration TTL = Duration.ofHours(24);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final byte[] REQUEST = "POST /api/orgs/acme/bulk-sends\n{}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER = "POST /api/orgs/acme/bulk-sends\n{\"x\":1}".getBytes(StandardCharsets.UTF_8);
  private static TestDatabase db;

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private IdempotencyStore store;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("idempotency");
    db.organization("acme", "UTC");
    db.organization("globex", "UTC");
  }

  @AfterAll
  static void drop() throws Exception {
    db.close();
  }

  @BeforeEach
  void emptyStore() {
    db.dsl.deleteFrom(IDEMPOTENCY_KEYS).execute();
    store = new IdempotencyStore(db.dsl, clock);
  }

  @Test
  void theFirstRequestClaimsTheKeyAndItsAnswerIsGivenAgainToTheSameRequest() {
    assertThat(store.claim("acme", "k1", REQUEST, TTL, LEASE)).isInstanceOf(Claimed.class);
    assertThat(store.claim("acme", "k1", REQUEST, TTL, LEASE)).isInstanceOf(Running.class);

    store.complete("acme", "k1", 202, "application/json", null, "{\"id\":\"bs_1\"}".getBytes(StandardCharsets.UTF_8));

    Replay replay = (Replay) store.claim("acme", "k1", REQUEST, TTL, LEASE);
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.contentType()).isEqualTo("application/json");
    assertThat(new String(replay.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"bs_1\"}");
  }

  @Test
  void anotherRequestWithTheKeyIsAMismatchWhileItRunsAndAfterwards() {
    store.claim("acme", "k1", REQUEST, TTL, LEASE);
    assertThat(store.claim("acme", "k1", OTHER, TTL, LEASE)).isInstanceOf(Mismatch.class);
    store.complete("acme", "k1", 400, "application/problem+json", null, new byte[0]);
    assertThat(store.claim("acme", "k1", OTHER, TTL, LEASE)).isInstanceOf(Mismatch.class);
  }

  @Test
  void keysBelongToTheirOrganization() {
    store.claim("acme", "k1", REQUEST, TTL, LEASE);
    assertThat(store.claim("globex", "k1", OTHER, TTL, LEASE)).isInstanceOf(Claimed.class);
  }

  @Test
  void aReleasedKeyRunsAgain() {
    store.claim("acme", "k1", REQUEST, TTL, LEASE);
    store.release("acme", "k1");
    assertThat(store.claim("acme", "k1", REQUEST, TTL, LEASE)).isInstanceOf(Claimed.class);
  }

  @Test
  void aKeyWhoseProcessDiedIsTakenOverByTheSameRequestOnceItsLeaseEnds() {
    store.claim("acme", "k1", REQUEST, TTL, LEASE);
    now.set(now.get().plus(LEASE).minusSeconds(1));
    assertThat(store.claim("acme", "k1", REQUEST, TTL, LEASE)).isInstanceOf(Running.class);
    now.set(now.get().plusSeconds(2));
    assertThat(store.claim("acme", "k1", OTHER, TTL, LEASE)).isInstanceOf(Mismatch.class);
    assertThat(store.claim("acme", "k1", REQUEST, TTL, LEASE)).isInstanceOf(Claimed.class);
  }

  @Test
  void anAnswerIsGivenAgainForTheTtlThenTheKeyIsNewAndTheCleanupDeletesIt() {
    store.claim("acme", "k1", REQUEST, TTL, LEASE);
    store.complete("acme", "k1", 201, "application/json", "/api/orgs/acme/petitions/p1", new byte[0]);
    store.claim("acme", "k2", REQUEST, TTL, LEASE);
    store.complete("acme", "k2", 201, "application/json", null, new byte[0]);

    now.set(now.get().plus(TTL).minusSeconds(1));
    assertThat(((Replay) store.claim("acme", "k1", REQUEST, TTL, LEASE)).location()).isEqualTo("/api/orgs/acme/petitions/p1");
    now.set(now.get().plusSeconds(2));
    assertThat(store.claim("acme", "k1", OTHER, TTL, LEASE)).isInstanceOf(Claimed.class);

    Map<String, Long> counts = new IdempotencyKeysCleanup(store, TTL).run(Map.of("batchSize", "1"), now.get(), () -> {});

    assertThat(counts).containsEntry("deleted", 1L);
    assertThat(db.dsl.select(IDEMPOTENCY_KEYS.KEY).from(IDEMPOTENCY_KEYS).fetch(IDEMPOTENCY_KEYS.KEY)).containsExactly("k1");
  }
}
