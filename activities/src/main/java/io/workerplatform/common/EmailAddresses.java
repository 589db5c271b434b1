package io.workerplatform.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A deliberately plain address check: one {@code @}, a dotted domain, no spaces or angle
 * brackets. SES is the final judge; this catches what would certainly be rejected.
 */
public final class EmailAddresses {
  private static final Pattern PLAUSIBLE =
      Pattern.compile("^[^@\\s<>,;\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

  /** RFC 5321's limit on a path, which bounds an address. */
  public static final int MAX_LENGTH = 254;

  private EmailAddresses() {}

  public static boolean isValid(String address) {
    return address != null && address.length() <= MAX_LENGTH && PLAUSIBLE.matcher(address).matches();
  }

  /** The form suppressions are stored and compared in. */
  public static String normalize(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }
}
