package io.workerplatform.common;

import java.util.UUID;
import java.util.regex.Pattern;
import java.util.concurrent.ThreadLocalRandom;

/** Ids are readable business keys: a type prefix and a random part, e.g. {@code dlv_3f2a...}. */
public final class Ids {
  /** What a client-chosen id may contain: it ends up in workflow ids and URLs. */
  public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  private Ids() {}

  public static String newId(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * An id the platform keeps to itself (never shown, never guessable-sensitive), from a fast
   * non-cryptographic source: 128 random bits, as unique as {@link #newId} without the cost of
   * SecureRandom on the publish path.
   */
  public static String newInternalId(String prefix) {
    var random = ThreadLocalRandom.current();
    return prefix + "_" + new UUID(random.nextLong(), random.nextLong()).toString().replace("-", "");
  }
}
