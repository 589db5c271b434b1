package io.workerplatform.email;

import io.workerplatform.common.EmailAddresses;
import static io.workerplatform.db.Tables.SUPPRESSIONS;

import io.workerplatform.common.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The platform-wide suppression list (the sender's reputation is shared by every organization),
 * kept as a keyed hash of each normalized address: it survives the erasure of the contact who
 * bounced or complained, and no address remains. The key must never change, or no suppression
 * matches any more.
 */
public final class SuppressionList {
  private final DSLContext dsl;
  private final byte[] key;

  public SuppressionList(DSLContext dsl, byte[] key) {
    this.dsl = dsl;
    this.key = key.clone();
  }

  /** The keyed hash the address is suppressed under. */
  public byte[] hash(String address) {
    return Hashes.hmacSha256(key, EmailAddresses.normalize(address).getBytes(StandardCharsets.UTF_8));
  }

  /** Suppresses the address (the first reason stays). */
  public void add(DSLContext tx, String address, String reason) {
    tx.insertInto(SUPPRESSIONS)
        .set(SUPPRESSIONS.ADDRESS_HMAC, hash(address))
        .set(SUPPRESSIONS.REASON, reason)
        .onConflict(SUPPRESSIONS.ADDRESS_HMAC)
        .doNothing()
        .execute();
  }

  public void add(String address, String reason) {
    add(dsl, address, reason);
  }

  /** Of {@code addresses}, those that are suppressed, as given; one query. */
  public Set<String> suppressed(Collection<String> addresses) {
    Map<String, String> byHash = new HashMap<>();
    List<byte[]> hashes = addresses.stream().distinct().map(a -> {
      byte[] h = hash(a);
      byHash.put(HexFormat.of().formatHex(h), a);
      return h;
    }).toList();
    Set<String> suppressed = new HashSet<>();
    if (hashes.isEmpty()) {
      return suppressed;
    }
    dsl.select(SUPPRESSIONS.ADDRESS_HMAC)
        .from(SUPPRESSIONS)
        .where(SUPPRESSIONS.ADDRESS_HMAC.in(hashes))
        .fetch(SUPPRESSIONS.ADDRESS_HMAC)
        .forEach(h -> suppressed.add(byHash.get(HexFormat.of().formatHex(h))));
    return suppressed;
  }

  public boolean isSuppressed(String address) {
    return !suppressed(List.of(address)).isEmpty();
  }

  /**
   * Replaces the addresses of rows written before suppressions were hashed by their hash; runs at
   * start-up, idempotent. Returns how many rows it converted.
   */
  public int hashLegacyRows() {
    int converted = 0;
    while (true) {
      List<Record2<String, String>> legacy =
          dsl.select(SUPPRESSIONS.ADDRESS, SUPPRESSIONS.REASON)
              .from(SUPPRESSIONS)
              .where(SUPPRESSIONS.ADDRESS.isNotNull())
              .limit(500)
              .fetch();
      if (legacy.isEmpty()) {
        return converted;
      }
      dsl.transaction(
          tx -> {
            for (Record2<String, String> row : legacy) {
              add(tx.dsl(), row.value1(), row.value2());
              tx.dsl().deleteFrom(SUPPRESSIONS).where(SUPPRESSIONS.ADDRESS.eq(row.value1())).execute();
            }
          });
      converted += legacy.size();
    }
  }
}
