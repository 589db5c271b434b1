package io.workerplatform.email;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;

public class EmailActivitiesImpl implements EmailActivities {
  /** Failure type of a message that can never be sent (rejected, invalid address, no template). */
  public static final String NOT_SENDABLE = "EmailNotSendable";

  private final EmailService emails;
  private final RequestedEmails requested;

  /** For the platform's own messages only ({@link #sendRequested} refuses). */
  public EmailActivitiesImpl(EmailService emails) {
    this(emails, null);
  }

  public EmailActivitiesImpl(EmailService emails, RequestedEmails requested) {
    this.emails = emails;
    this.requested = requested;
  }

  @Override
  public SendEmailResult sendRequested(RequestedEmail email) {
    RequestedEmail given = require(email);
    ActivityExecutionContext context = Activity.getExecutionContext();
    try {
      // A FAILED message is returned, not thrown: it is the request's outcome, shown by its state.
      return requested.send(
          given.orgId(), given.emailId(), EmailService.claimant(context.getInfo()), () -> context.heartbeat(null));
    } catch (RequestedEmails.UnknownEmailException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInput.TYPE, "emailId");
    }
  }

  @Override
  public SendEmailResult giveUp(RequestedEmail email, String reason) {
    RequestedEmail given = require(email);
    try {
      return requested.giveUp(given.orgId(), given.emailId(), InvalidInput.requireText("reason", reason));
    } catch (RequestedEmails.UnknownEmailException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInput.TYPE, "emailId");
    }
  }

  private RequestedEmail require(RequestedEmail email) {
    if (requested == null) {
      throw new IllegalStateException("this worker sends no application emails");
    }
    InvalidInput.requireText("orgId", email == null ? null : email.orgId());
    InvalidInput.requireText("emailId", email.emailId());
    return email;
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
