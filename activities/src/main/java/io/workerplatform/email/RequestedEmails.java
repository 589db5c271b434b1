package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;

import io.workerplatform.email.EmailRequestStore.Requested;
import io.workerplatform.email.EmailStore.Candidate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Sends the application's email requests through {@link EmailService}'s one sending step: the
 * recipient is the organization's contact or member, or the address given; the request's data is
 * the template's {@code data}.
 */
public class RequestedEmails {
  private final EmailService emails;
  private final EmailStore store;
  private final EmailRequestStore requests;
  private final DSLContext dsl;
  private final Clock clock;

  public RequestedEmails(
      EmailService emails, EmailStore store, EmailRequestStore requests, DSLContext dsl, Clock clock) {
    this.emails = emails;
    this.store = store;
    this.requests = requests;
    this.dsl = dsl;
    this.clock = clock;
  }

  /** The request is not the organization's (or does not exist). */
  public static final class UnknownEmailException extends RuntimeException {
    UnknownEmailException(String emailId) {
      super("email " + emailId + " does not exist");
    }
  }

  /**
   * Decides and, if allowed, sends the request's message; an earlier decision is returned as it
   * stands. A contact or member that is not the organization's ends it {@code FAILED}.
   *
   * @throws UnknownEmailException when the organization has no such request
   */
  public SendEmailResult send(String orgId, String emailId, String claimant, Runnable heartbeat) {
    Requested request = requests.requested(orgId, emailId).orElseThrow(() -> new UnknownEmailException(emailId));
    String key = request.dedupeKey();
    Optional<Candidate> candidate;
    String field;
    if (request.contactId() != null) {
      field = "to.contactId";
      candidate = store.candidate(request.contactId(), key);
    } else if (request.memberId() != null) {
      field = "to.memberId";
      candidate = store.memberCandidate(request.memberId(), key);
    } else {
      field = "to.address";
      candidate = Optional.of(store.addressCandidate(orgId, request.address(), null, key));
    }
    candidate = candidate.filter(c -> orgId.equals(c.recipient().orgId()));
    if (candidate.isEmpty()) {
      Recipient stored = new Recipient(
          request.contactId(), request.memberId(), orgId, null, request.address(), null, null);
      return store.record(key, stored, request.template(), null, EmailState.FAILED,
          field + ": not a recipient of the organization").result();
    }
    return emails.decide(candidate.get(), request.template(), Map.of("emailId", emailId),
        emails.parts(orgId, request.template(), Map.of("emailId", emailId)), request.data(), claimant, heartbeat);
  }

  /** Ends a request whose sending gave up: {@code FAILED} with {@code reason} unless decided. */
  public SendEmailResult giveUp(String orgId, String emailId, String reason) {
    Requested request = requests.requested(orgId, emailId).orElseThrow(() -> new UnknownEmailException(emailId));
    dsl.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.STATE, EmailState.FAILED)
        .set(EMAIL_MESSAGES.ERROR, reason)
        .set(EMAIL_MESSAGES.CLAIMED_BY, (String) null)
        .set(EMAIL_MESSAGES.UPDATED_AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq(request.dedupeKey()))
        .and(EMAIL_MESSAGES.STATE.in(EmailState.QUEUED, EmailState.SENDING))
        .execute();
    return store.findMessage(request.dedupeKey()).orElseThrow().result();
  }
}
