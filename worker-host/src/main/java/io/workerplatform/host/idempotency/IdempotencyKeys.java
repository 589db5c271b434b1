package io.workerplatform.host.idempotency;

import java.util.regex.Pattern;

/**
 * What an {@code Idempotency-Key} header may be: one rule for the platform's filter and for the
 * routes that take their key themselves (multipart uploads, whose bodies the filter does not
 * buffer).
 */
public final class IdempotencyKeys {
  public static final String HEADER = "Idempotency-Key";
  public static final int MAX_LENGTH = 255;
  /** The rule, as an answer words it after the header's name. */
  public static final String RULE = "must be 1 to " + MAX_LENGTH + " printable ASCII characters without spaces";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

  private IdempotencyKeys() {}

  public static boolean isValid(String key) {
    return KEY.matcher(key).matches();
  }
}
