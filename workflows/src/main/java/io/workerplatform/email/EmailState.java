package io.workerplatform.email;

/** The states of an email message row. */
public final class EmailState {
  /** An application's request accepted, the message not yet claimed for a call to SES. */
  public static final String QUEUED = "QUEUED";

  /** Written before SES is called: a row left in it marks the window of doubt. */
  public static final String SENDING = "SENDING";

  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
  public static final String SUPPRESSED = "SUPPRESSED";
  public static final String SKIPPED_NOT_ALLOWED = "SKIPPED_NOT_ALLOWED";

  /** The organization's email limit for the cycle was reached: not sent (and not counted). */
  public static final String SKIPPED_LIMIT = "SKIPPED_LIMIT";

  /** The contact was erased (GDPR) before the message was sent: nobody is left to send it to. */
  public static final String SKIPPED_ERASED = "SKIPPED_ERASED";

  private EmailState() {}

  /** Whether a message in this state is decided for good (sending its key again changes nothing). */
  public static boolean isFinal(String state) {
    return !SENDING.equals(state) && !QUEUED.equals(state);
  }
}
