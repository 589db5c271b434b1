package io.workerplatform.email;

import io.workerplatform.common.EmailAddresses;
import io.workerplatform.common.Heartbeats;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.email.EmailStore.Candidate;
import io.workerplatform.email.SesSender.SendFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import io.temporal.activity.ActivityInfo;
import io.workerplatform.common.Ids;
import io.workerplatform.common.PlatformMetrics;
import io.temporal.activity.Activity;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.ApplicationFailure;
import org.jooq.exception.DataAccessException;

/**
 * Sends one templated email per dedupe key: the decision is recorded first (suppressed, not on
 * the allow-list, failed), a message to send is written {@code SENDING} before SES is called and
 * {@code SENT} with SES's message id after. Shared by the email activity and bulk-send batches.
 *
 * <p>Each call to SES is claimed by one activity attempt ({@code claimed_by}), and the caller's
 * heartbeat goes on while the call is in flight, so a slow answer does not make Temporal start a
 * second attempt beside it. Window of doubt: SES offers no idempotency key for {@code SendEmail}.
 * If the call times out or its answer is lost, or the process dies between SES accepting the
 * message and {@code SENT} being written, nobody knows whether it went out; the row is marked
 * {@code in_doubt} (at once, or by the next attempt that finds the claim of a dead one) and the
 * message is sent again. Only a row so marked can have reached its recipient twice.
 */
public class EmailService {
  /** A member's digest of notifications: context {@code window} names the digest window it sends. */
  public static final String MEMBER_DIGEST = "member-digest";
  private static final Runnable NO_HEARTBEAT = () -> {};
  private static final Duration RECORD_SENT_MAX_BACKOFF = Duration.ofSeconds(5);
  private final EmailStore store;
  private final EmailTemplates templates;
  private final SesSender ses;
  private final EmailSettings settings;
  private final OrganizationRates rates;
  private final PlatformMetrics metrics;
  private final List<TemplateData> templateData;

  public EmailService(
      EmailStore store, EmailTemplates templates, SesSender ses, EmailSettings settings,
      List<TemplateData> templateData) {
    this(store, templates, ses, settings, templateData, PlatformMetrics.none());
  }

  public EmailService(
      EmailStore store, EmailTemplates templates, SesSender ses, EmailSettings settings,
      List<TemplateData> templateData, PlatformMetrics metrics) {
    this(store, templates, ses, settings, templateData, metrics, OrganizationRates.Shares.NONE);
  }

  /**
   * {@code templateData}: every capability's part of templates' data (beans); {@code shares}: the
   * organizations' shares of the rate (the operator's flow limits).
   */
  public EmailService(
      EmailStore store, EmailTemplates templates, SesSender ses, EmailSettings settings,
      List<TemplateData> templateData, PlatformMetrics metrics, OrganizationRates.Shares shares) {
    this.metrics = metrics;
    this.templateData = List.copyOf(templateData);
    this.store = store;
    this.templates = templates;
    this.ses = ses;
    this.settings = settings;
    this.rates = store.organizationRates(settings.rate(), shares);
  }

  /**
   * Decides and, if allowed, sends the message.
   *
   * @return the message's final state; {@code FAILED} when the message can never be sent
   * @throws UnknownRecipientException when the contact or member does not exist
   * @throws SendFailure (retryable) when SES throttled, failed or could not be reached; the row
   *     stays {@code SENDING} for the retry
   */
  public SendEmailResult send(SendEmailRequest request) {
    return send(request, Ids.newInternalId("call"), NO_HEARTBEAT);
  }

  /**
   * The sending step of a job that sends many messages in one activity (reminders, digests): the
   * claim belongs to the running activity attempt, and {@code heartbeat} goes on while SES is
   * called, so a slow answer does not make Temporal start a second attempt beside this one.
   * Outside an activity (a test calling a job directly) the claim is this call's own.
   */
  public SendEmailResult send(SendEmailRequest request, Runnable heartbeat) {
    String claimant;
    try {
      claimant = claimant(Activity.getExecutionContext().getInfo());
    } catch (IllegalStateException | TemporalFailure notInAnActivity) {
      claimant = Ids.newInternalId("call");
    }
    return send(request, claimant, heartbeat);
  }

  /** The claimant name of an activity attempt: its workflow run, activity id and attempt number. */
  public static String claimant(ActivityInfo attempt) {
    return attempt.getRunId() + "/" + attempt.getActivityId() + "#" + attempt.getAttempt();
  }

  /**
   * As {@link #send(SendEmailRequest)}, for an activity attempt: {@code claimant} names the
   * attempt, {@code heartbeat} is called while the send waits for the rate limit or for SES.
   */
  public SendEmailResult send(SendEmailRequest request, String claimant, Runnable heartbeat) {
    String dedupeKey = InvalidInput.requireText("dedupeKey", request.dedupeKey());
    String template = InvalidInput.requireText("template", request.template());
    Candidate candidate;
    if (request.memberId() != null) {
      if (request.contactId() != null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "contactId: a message addresses a contact or a member, not both", InvalidInput.TYPE, "contactId");
      }
      String memberId = InvalidInput.requireText("memberId", request.memberId());
      candidate = store.memberCandidate(memberId, dedupeKey)
          .orElseThrow(() -> new UnknownRecipientException("memberId", "member " + memberId));
    } else {
      String contactId = InvalidInput.requireText("contactId", request.contactId());
      candidate = store.candidate(contactId, dedupeKey)
          .orElseThrow(() -> new UnknownRecipientException("contactId", "contact " + contactId));
    }
    Map<String, String> context = request.context();
    return decide(
        candidate, template, context, parts(candidate.recipient().orgId(), template, context), Map.of(), claimant,
        heartbeat);
  }

  /** Every capability's part of the data of messages of {@code template} with {@code context}. */
  List<TemplateData.Part> parts(String orgId, String template, Map<String, String> context) {
    return templateData.stream().map(d -> d.prepare(orgId, template, context)).toList();
  }

  /**
   * The recipients of one bulk-send page, loaded with their message state in one query, sent one
   * by one with {@link BulkPage#send}: the caller heartbeats between them. {@code claimant} names
   * the activity attempt that sends them.
   */
  public BulkPage bulkPage(
      String bulkSendId, String template, String petitionId, List<String> contactIds, String dedupeKeyPrefix,
      String claimant) {
    Map<String, Candidate> candidates = store.candidates(contactIds, dedupeKeyPrefix);
    String orgId = candidates.values().stream().findFirst().map(c -> c.recipient().orgId()).orElse(null);
    // the template sees the bulk send's id; the page's parts see its petition too, looked up once
    Map<String, String> context = Map.of("bulkSendId", bulkSendId);
    List<TemplateData.Part> parts =
        parts(orgId, template, Map.of("bulkSendId", bulkSendId, "petitionId", petitionId));
    return (contactId, heartbeat) -> {
      Candidate candidate = candidates.get(contactId);
      if (candidate == null) {
        throw new UnknownRecipientException("contactId", "contact " + contactId);
      }
      return decide(candidate, template, context, parts, Map.of(), claimant, heartbeat);
    };
  }

  /** One page of a bulk send, ready to send recipient by recipient. */
  @FunctionalInterface
  public interface BulkPage {
    /**
     * @param heartbeat called every half second while the send waits for the rate limit, and
     *     every second while SES is being called (a batch heartbeats there, so a long wait is not
     *     taken for a dead worker)
     */
    SendEmailResult send(String contactId, Runnable heartbeat);
  }

  /**
   * Decides one candidate's message and sends it if allowed. {@code data}: the application's own
   * data of the template ({@code {{data.*}}}), empty for the platform's messages.
   */
  SendEmailResult decide(
      Candidate candidate,
      String template,
      Map<String, String> context,
      List<TemplateData.Part> parts,
      Map<String, Object> data,
      String claimant,
      Runnable heartbeat) {
    if (candidate.earlier() != null && EmailState.isFinal(candidate.earlier().state())) {
      return candidate.earlier().result(); // decided before: SES is not called again, nothing counted
    }
    SendEmailResult result =
        decideNew(candidate, template, context, parts, data, claimant, heartbeat);
    metrics.emailDecided(candidate.recipient().orgId(), result.state(), context.get("bulkSendId"));
    return result;
  }

  private SendEmailResult decideNew(
      Candidate candidate,
      String template,
      Map<String, String> context,
      List<TemplateData.Part> parts,
      Map<String, Object> appData,
      String claimant,
      Runnable heartbeat) {
    Recipient recipient = candidate.recipient();
    String dedupeKey = candidate.dedupeKey();
    String bulkSendId = context.get("bulkSendId");
    if (candidate.erased()) {
      return store.record(dedupeKey, recipient, template, bulkSendId, EmailState.SKIPPED_ERASED, null).result();
    }
    Optional<String> refusal = refusal(recipient, template)
        .or(() -> parts.stream().flatMap(p -> p.problem().stream()).findFirst());
    if (refusal.isPresent()) {
      return store.record(dedupeKey, recipient, template, bulkSendId, EmailState.FAILED, refusal.get()).result();
    }
    if (candidate.suppressed()) {
      return store.record(dedupeKey, recipient, template, bulkSendId, EmailState.SUPPRESSED, null).result();
    }
    if (!settings.allowList().allows(recipient.email())) {
      return store.record(dedupeKey, recipient, template, bulkSendId, EmailState.SKIPPED_NOT_ALLOWED, null).result();
    }
    Map<String, Object> data = new HashMap<>(baseData(recipient));
    data.put("context", context);
    data.put("data", appData);
    parts.forEach(part -> part.addTo(recipient, data));
    EmailTemplates.RenderedEmail email = templates.render(template, recipient.locale(), data);

    rates.acquire(recipient.orgId(), heartbeat);
    // Claimed right before the call, so that a claim left behind means a call of unknown outcome.
    // A bulk send's recipients were counted against the limit when it was created; any other
    // message is counted by its first claim, or skipped there once the limit is reached.
    Optional<EmailStore.Message> claimed =
        bulkSendId == null
            ? store.claimCounting(dedupeKey, recipient, template, claimant)
            : store.claimForSending(dedupeKey, recipient, template, bulkSendId, claimant);
    if (claimed.isEmpty()) {
      return store.findMessage(dedupeKey).orElseThrow().result(); // decided concurrently meanwhile
    }
    if (EmailState.SKIPPED_LIMIT.equals(claimed.get().state())) {
      return claimed.get().result();
    }
    try {
      String messageId =
          metrics.observe(
              "platform.ses.request", bulkSendId == null ? TaskQueues.EMAIL : TaskQueues.BULK_SEND, "SendEmail",
              () -> whileHeartbeating(heartbeat, () -> ses.send(recipient.email(), email)));
      recordSent(dedupeKey, claimant, messageId, heartbeat);
      return new SendEmailResult(dedupeKey, EmailState.SENT, messageId, null);
    } catch (SendFailure failure) {
      if (failure.retryable()) {
        store.noteError(dedupeKey, claimant, failure.getMessage(), failure.detail(), failure.inDoubt());
        throw failure;
      }
      store.markFailed(dedupeKey, claimant, failure.getMessage(), failure.detail());
      // The result goes into histories: the category only, SES's words stay in the row.
      return new SendEmailResult(dedupeKey, EmailState.FAILED, null, failure.getMessage());
    }
  }

  /**
   * SES accepted the message: that is known, so the {@code SENT} write is tried until the database
   * takes it (heartbeating meanwhile), instead of failing the attempt and sending again. Only an
   * unknown outcome is doubt; a database outage is not.
   */
  private void recordSent(String dedupeKey, String claimant, String messageId, Runnable heartbeat) {
    whileHeartbeating(heartbeat, () -> {
      long backoffMillis = 200;
      while (true) {
        try {
          store.markSent(dedupeKey, claimant, messageId);
          return null;
        } catch (DataAccessException databaseAway) {
          try {
            Thread.sleep(backoffMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw databaseAway;
          }
          backoffMillis = Math.min(backoffMillis * 2, RECORD_SENT_MAX_BACKOFF.toMillis());
        }
      }
    });
  }

  /** Runs {@code call} while {@link Heartbeats} calls {@code heartbeat} every second (none for {@link #NO_HEARTBEAT}). */
  private static <T> T whileHeartbeating(Runnable heartbeat, Supplier<T> call) {
    return heartbeat == NO_HEARTBEAT ? call.get() : Heartbeats.during(heartbeat, call::get);
  }

  /** Why this message can never be sent, if it cannot. */
  private Optional<String> refusal(Recipient recipient, String template) {
    if (!EmailAddresses.isValid(recipient.email())) {
      return Optional.of("invalid address of " + recipient.describe());
    }
    if (!templates.exists(template)) {
      return Optional.of("unknown email template '" + template + "'");
    }
    return Optional.empty();
  }

  /**
   * The recipient as {@code contact}, {@code member} or (an address given directly) {@code
   * recipient} (name, email, locale), and {@code org}.
   */
  private static Map<String, Object> baseData(Recipient recipient) {
    Map<String, Object> person = new HashMap<>();
    person.put("name", recipient.name() == null ? "" : recipient.name());
    person.put("email", recipient.email());
    person.put("locale", recipient.locale());
    String role = recipient.contactId() != null ? "contact" : recipient.memberId() != null ? "member" : "recipient";
    return Map.of(role, person, "org", Map.of("name", recipient.orgName()));
  }

  /** The message's recipient does not exist (never did, or its contact row is gone). */
  public static final class UnknownRecipientException extends RuntimeException {
    private final String field;

    public UnknownRecipientException(String field, String recipient) {
      super(recipient + " does not exist");
      this.field = field;
    }

    /** The request's field that named it: {@code contactId} or {@code memberId}. */
    public String field() {
      return field;
    }
  }
}
