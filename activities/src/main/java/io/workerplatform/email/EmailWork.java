package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.bulksends.BulkSendWorkflow;
import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;

/**
 * Email messages as work: every message the platform sends (the application's, bulk sends',
 * notifications'), the stats' {@code emailMessages} and a console list at {@code email-messages}.
 * A message decided without a call (suppressed, skipped) completed; its SES report (delivered,
 * bounced) is on the item, not a status of the queue.
 */
public final class EmailWork {
  private EmailWork() {}

  /**
   * A message as the list shows it: the application's email id when it is one, the bulk send's
   * id when it is one, never its address.
   */
  public record Message(
      String id, String emailId, String bulkSendId, String template, String status, String delivery, boolean inDoubt,
      String error, Instant createdAt, Instant updatedAt, String workflowId) {}

  public static final WorkKind<Message> KIND = new WorkKind<>(
      "emailMessages",
      "email-messages",
      "Email messages",
      35,
      EMAIL_MESSAGES,
      EMAIL_MESSAGES.DEDUPE_KEY,
      EMAIL_MESSAGES.ORG_ID,
      EMAIL_MESSAGES.STATE,
      EMAIL_MESSAGES.CREATED_AT,
      List.of(
          EmailState.QUEUED, EmailState.SENDING, EmailState.SENT, EmailState.FAILED, EmailState.SUPPRESSED,
          EmailState.SKIPPED_NOT_ALLOWED, EmailState.SKIPPED_LIMIT, EmailState.SKIPPED_ERASED),
      from -> from.leftJoin(EMAIL_REQUESTS).on(EMAIL_REQUESTS.DEDUPE_KEY.eq(EMAIL_MESSAGES.DEDUPE_KEY)),
      r -> new Message(
          r.get(EMAIL_MESSAGES.DEDUPE_KEY), r.get(EMAIL_REQUESTS.ID), r.get(EMAIL_MESSAGES.BULK_SEND_ID),
          r.get(EMAIL_MESSAGES.TEMPLATE), r.get(EMAIL_MESSAGES.STATE), r.get(EMAIL_MESSAGES.DELIVERY),
          r.get(EMAIL_MESSAGES.IN_DOUBT), r.get(EMAIL_MESSAGES.ERROR), instant(r.get(EMAIL_MESSAGES.CREATED_AT)),
          instant(r.get(EMAIL_MESSAGES.UPDATED_AT)), workflowId(r.get(EMAIL_REQUESTS.ID), r.get(EMAIL_MESSAGES.BULK_SEND_ID))),
      new Phases(
          EMAIL_MESSAGES.UPDATED_AT, List.of(EmailState.QUEUED), List.of(EmailState.SENDING),
          List.of(
              EmailState.SENT, EmailState.SUPPRESSED, EmailState.SKIPPED_NOT_ALLOWED, EmailState.SKIPPED_LIMIT,
              EmailState.SKIPPED_ERASED),
          List.of(EmailState.FAILED)));

  /** The application's email's workflow, or the bulk send's; a notification's email has its own. */
  private static String workflowId(String emailId, String bulkSendId) {
    if (emailId != null) {
      return EmailWorkflow.workflowId(emailId);
    }
    return bulkSendId == null ? null : BulkSendWorkflow.workflowId(bulkSendId);
  }
}
