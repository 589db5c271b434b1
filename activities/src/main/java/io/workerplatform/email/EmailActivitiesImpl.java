package io.workerplatform.email;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;

public class EmailActivitiesImpl implements EmailActivities {
  /** Failure type of a message that can never be sent (rejected, invalid address, no template). */
  public static final String NOT_SENDABLE = "EmailNotSendable";

  private final EmailService emails;

  public EmailActivitiesImpl(EmailService emails) {
    this.emails = emails;
  }

  @Override
  public SendEmailResult send(SendEmailRequest request) {
    if (request == null) {
      throw ApplicationFailure.newNonRetryableFailure("request is required", InvalidInput.TYPE, "request");
    }
    SendEmailResult result;
    try {
      ActivityExecutionContext context = Activity.getExecutionContext();
      result = emails.send(request, EmailService.claimant(context.getInfo()), () -> context.heartbeat(null));
    } catch (EmailService.UnknownRecipientException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInput.TYPE, e.field());
    }
    if (EmailState.FAILED.equals(result.state())) {
      throw ApplicationFailure.newNonRetryableFailure(result.error(), NOT_SENDABLE, result.dedupeKey());
    }
    return result; // SENT, SUPPRESSED or SKIPPED_NOT_ALLOWED
  }
}
