package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;

import io.workerplatform.contacts.ContactStore;
import io.workerplatform.db.tables.records.EmailMessagesRecord;
import io.workerplatform.members.MemberStore;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.usage.UsageStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.InsertSetStep;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * The email message log and suppressions. Recipients are read through the contacts', members' and
 * organizations' stores; what templates show of other capabilities comes from {@link TemplateData}.
 */
public class EmailStore {
  private static final List<Field<?>> MESSAGE_FIELDS =
      List.of(EMAIL_MESSAGES.DEDUPE_KEY, EMAIL_MESSAGES.STATE, EMAIL_MESSAGES.SES_MESSAGE_ID, EMAIL_MESSAGES.ERROR);
  private final DSLContext dsl;
  private final Clock clock;
  private final SuppressionList suppressions;

  public EmailStore(DSLContext dsl, Clock clock, SuppressionList suppressions) {
    this.dsl = dsl;
    this.clock = clock;
    this.suppressions = suppressions;
  }

  public record Message(String dedupeKey, String state, String sesMessageId, String error) {
    SendEmailResult result() {
      return new SendEmailResult(dedupeKey, state, sesMessageId, error);
    }
  }

  /**
   * A recipient with what deciding its message needs: whether the address is suppressed, whether
   * it is {@code erased} (a contact anonymized by a GDPR erasure, a member deleted or anonymized:
   * nothing may be sent to them), and the message row of its dedupe key if there is one.
   */
  record Candidate(Recipient recipient, String dedupeKey, boolean suppressed, boolean erased, Message earlier) {}

  /** One message to one contact ({@code dedupeKey}); empty when the contact does not exist. */
  Optional<Candidate> candidate(String contactId, String dedupeKey) {
    return contactCandidates(List.of(contactId), id -> dedupeKey).stream().findFirst();
  }

  /** One message to one member ({@code dedupeKey}); empty when the member does not exist. */
  Optional<Candidate> memberCandidate(String memberId, String dedupeKey) {
    return MemberStore.addressee(dsl, memberId).map(m -> {
      Recipient recipient = new Recipient(
          null, m.id(), m.orgId(), orgNames(List.of(m.orgId())).get(m.orgId()), m.email(), m.name(), m.locale());
      return candidates(List.of(new Found(recipient, dedupeKey, m.gone()))).getFirst();
    });
  }

  /**
   * One message to an address given directly ({@code dedupeKey}), of organization {@code orgId}:
   * never erased as such (an erasure of a contact or member with that address rewrites it, and
   * the message is then refused as invalid).
   */
  Candidate addressCandidate(String orgId, String address, String locale, String dedupeKey) {
    Recipient recipient = new Recipient(null, null, orgId, orgNames(List.of(orgId)).get(orgId), address, null, locale);
    boolean erased = address.startsWith("anonymized-") && address.endsWith("@invalid"); // see Erased.address
    return candidates(List.of(new Found(recipient, dedupeKey, erased))).getFirst();
  }

  /** The rate shared by every host, and each organization's share of it, counted in this store's database. */
  OrganizationRates organizationRates(SharedRate.Rate rate, OrganizationRates.Shares shares) {
    return new OrganizationRates(dsl, new SharedRate(dsl, "email", rate, Clock.systemUTC()), shares);
  }

  /**
   * Many contacts, each with the dedupe key {@code dedupeKeyPrefix + contactId}; contacts that do
   * not exist are missing from the result.
   */
  Map<String, Candidate> candidates(List<String> contactIds, String dedupeKeyPrefix) {
    return contactCandidates(contactIds, id -> dedupeKeyPrefix + id).stream()
        .collect(Collectors.toMap(c -> c.recipient().contactId(), c -> c));
  }

  private List<Candidate> contactCandidates(List<String> contactIds, UnaryOperator<String> dedupeKey) {
    List<ContactStore.Addressee> contacts = ContactStore.addressees(dsl, contactIds);
    Map<String, String> orgNames = orgNames(contacts.stream().map(ContactStore.Addressee::orgId).toList());
    return candidates(contacts.stream()
        .map(c -> new Found(
            new Recipient(c.id(), null, c.orgId(), orgNames.get(c.orgId()), c.email(), c.name(), c.locale()),
            dedupeKey.apply(c.id()), c.anonymized()))
        .toList());
  }

  private Map<String, String> orgNames(List<String> orgIds) {
    return OrganizationStore.names(dsl, Set.copyOf(orgIds));
  }

  /** A recipient found, with its message's dedupe key and whether it is erased. */
  private record Found(Recipient recipient, String dedupeKey, boolean erased) {}

  /**
   * The candidates of the recipients found: their earlier messages in one query, their
   * suppressions (keyed hashes, computed here) in one more.
   */
  private List<Candidate> candidates(List<Found> found) {
    if (found.isEmpty()) {
      return List.of();
    }
    // a message's key is unique; the organization is checked too, as a key is the sender's choice
    Map<String, Record> earlier = dsl.select(MESSAGE_FIELDS)
        .select(EMAIL_MESSAGES.ORG_ID)
        .from(EMAIL_MESSAGES)
        .where(EMAIL_MESSAGES.DEDUPE_KEY.in(found.stream().map(Found::dedupeKey).toList()))
        .fetchMap(EMAIL_MESSAGES.DEDUPE_KEY);
    Set<String> suppressed = suppressions.suppressed(found.stream().map(f -> f.recipient().email()).toList());
    return found.stream()
        .map(f -> {
          Record before = earlier.get(f.dedupeKey());
          return new Candidate(
              f.recipient(), f.dedupeKey(), suppressed.contains(f.recipient().email()), f.erased(),
              before != null && f.recipient().orgId().equals(before.get(EMAIL_MESSAGES.ORG_ID)) ? message(before) : null);
        })
        .toList();
  }

  /**
   * Every message of a bulk send to a contact that SES accepted, with when its row was last
   * written ({@code sent_at}): a query for another capability's statement to select from.
   */
  public static Select<Record4<String, String, String, OffsetDateTime>> sentOfBulkSends() {
    return DSL.select(
            EMAIL_MESSAGES.BULK_SEND_ID, EMAIL_MESSAGES.CONTACT_ID, EMAIL_MESSAGES.ORG_ID,
            EMAIL_MESSAGES.UPDATED_AT.as("sent_at"))
        .from(EMAIL_MESSAGES)
        .where(EMAIL_MESSAGES.STATE.eq(EmailState.SENT))
        .and(EMAIL_MESSAGES.CONTACT_ID.isNotNull())
        .and(EMAIL_MESSAGES.BULK_SEND_ID.isNotNull());
  }

  /** A bulk send's messages by state, read on {@code dsl}. */
  public static Map<String, Integer> statesOfBulkSend(DSLContext dsl, String bulkSendId) {
    return dsl.select(EMAIL_MESSAGES.STATE, DSL.count())
        .from(EMAIL_MESSAGES)
        .where(EMAIL_MESSAGES.BULK_SEND_ID.eq(bulkSendId))
        .groupBy(EMAIL_MESSAGES.STATE)
        .fetchMap(EMAIL_MESSAGES.STATE, DSL.count());
  }

  /** How many of a bulk send's messages are in doubt (maybe received twice), read on {@code dsl}. */
  public static int inDoubtOfBulkSend(DSLContext dsl, String orgId, String bulkSendId) {
    return dsl.fetchCount(
        EMAIL_MESSAGES,
        EMAIL_MESSAGES.BULK_SEND_ID.eq(bulkSendId).and(EMAIL_MESSAGES.ORG_ID.eq(orgId)).and(EMAIL_MESSAGES.IN_DOUBT));
  }

  public Optional<Message> findMessage(String dedupeKey) {
    return dsl.select(MESSAGE_FIELDS)
        .from(EMAIL_MESSAGES)
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq(dedupeKey))
        .fetchOptional(EmailStore::message);
  }

  /**
   * Writes the message's decision (or {@code SENDING}) unless the key is decided already; returns
   * the row as it stands afterwards.
   */
  Message record(
      String dedupeKey, Recipient recipient, String template, String bulkSendId, String state, String error) {
    OffsetDateTime now = now();
    return newRow(
            dsl.insertInto(EMAIL_MESSAGES),
            DSL.val(dedupeKey, EMAIL_MESSAGES.DEDUPE_KEY),
            DSL.val(bulkSendId, EMAIL_MESSAGES.BULK_SEND_ID),
            DSL.val(recipient.orgId(), EMAIL_MESSAGES.ORG_ID),
            DSL.val(recipient.contactId(), EMAIL_MESSAGES.CONTACT_ID),
            DSL.val(recipient.memberId(), EMAIL_MESSAGES.MEMBER_ID),
            DSL.val(recipient.address(), EMAIL_MESSAGES.ADDRESS),
            DSL.val(template, EMAIL_MESSAGES.TEMPLATE),
            DSL.val(state, EMAIL_MESSAGES.STATE),
            DSL.val(now, EMAIL_MESSAGES.CREATED_AT))
        .set(EMAIL_MESSAGES.ERROR, error)
        .onConflict(EMAIL_MESSAGES.DEDUPE_KEY)
        .doUpdate()
        .set(EMAIL_MESSAGES.STATE, state)
        .set(EMAIL_MESSAGES.ERROR, error)
        .set(EMAIL_MESSAGES.UPDATED_AT, now)
        .where(EMAIL_MESSAGES.STATE.in(EmailState.SENDING, EmailState.QUEUED))
        .returning(MESSAGE_FIELDS)
        .fetchOptional(EmailStore::message)
        .or(() -> findMessage(dedupeKey)) // decided already: the row as it was
        .orElseThrow();
  }

  /**
   * Takes the message for a call to SES by {@code claimant} (one activity attempt): writes it
   * {@code SENDING} (or finds it left {@code SENDING} by an earlier attempt) and counts the call.
   * A row still claimed by another attempt had a call whose outcome nobody knows: the claim passes
   * to this one and the row is marked in doubt. Empty when the key is decided already.
   */
  Optional<Message> claimForSending(
      String dedupeKey, Recipient recipient, String template, String bulkSendId, String claimant) {
    Field<OffsetDateTime> now = DSL.val(now());
    Field<String> claimedBy = DSL.val(claimant);
    return newRow(
            dsl.insertInto(EMAIL_MESSAGES),
            DSL.val(dedupeKey),
            DSL.val(bulkSendId, String.class),
            DSL.val(recipient.orgId()),
            DSL.val(recipient.contactId(), String.class),
            DSL.val(recipient.memberId(), String.class),
            DSL.val(recipient.address(), String.class),
            DSL.val(template),
            DSL.inline(EmailState.SENDING),
            now)
        .set(EMAIL_MESSAGES.SEND_ATTEMPTS, DSL.inline(1))
        .set(EMAIL_MESSAGES.CLAIMED_BY, claimedBy)
        .onConflict(EMAIL_MESSAGES.DEDUPE_KEY)
        .doUpdate()
        .set(EMAIL_MESSAGES.SEND_ATTEMPTS, EMAIL_MESSAGES.SEND_ATTEMPTS.plus(DSL.inline(1)))
        .set(EMAIL_MESSAGES.IN_DOUBT, DSL.field(EMAIL_MESSAGES.IN_DOUBT.isTrue().or(EMAIL_MESSAGES.CLAIMED_BY.isNotNull())))
        .set(EMAIL_MESSAGES.CLAIMED_BY, claimedBy)
        .set(EMAIL_MESSAGES.UPDATED_AT, now)
        .where(EMAIL_MESSAGES.STATE.in(DSL.inline(EmailState.SENDING), DSL.inline(EmailState.QUEUED)))
        .returning(MESSAGE_FIELDS)
        .fetchOptional(EmailStore::message);
  }

  /**
   * As {@link #claimForSending}, for a message outside a bulk send (whose recipients were counted
   * when it was created): the first claim of the key also counts the email against the
   * organization's limit, in the same transaction, so a message is counted once. Beyond the limit
   * the row is decided {@code SKIPPED_LIMIT} instead, and nothing is counted.
   */
  Optional<Message> claimCounting(String dedupeKey, Recipient recipient, String template, String claimant) {
    return dsl.transactionResult(tx -> {
      EmailStore t = new EmailStore(tx.dsl(), clock, suppressions);
      Optional<Message> claimed = t.claimForSending(dedupeKey, recipient, template, null, claimant);
      boolean firstClaim =
          claimed.isPresent()
              && tx.dsl().fetchValue(EMAIL_MESSAGES.SEND_ATTEMPTS, EMAIL_MESSAGES.DEDUPE_KEY.eq(dedupeKey)) == 1;
      if (firstClaim && !new UsageStore(tx.dsl(), clock).takeEmail(recipient.orgId())) {
        tx.dsl().update(EMAIL_MESSAGES)
            .set(EMAIL_MESSAGES.STATE, EmailState.SKIPPED_LIMIT)
            .set(EMAIL_MESSAGES.CLAIMED_BY, (String) null)
            .set(EMAIL_MESSAGES.SEND_ATTEMPTS, 0)
            .where(EMAIL_MESSAGES.DEDUPE_KEY.eq(dedupeKey))
            .execute();
        return t.findMessage(dedupeKey);
      }
      return claimed;
    });
  }

  /** The columns of a new message row, for {@link #record} and the claim. */
  private static InsertSetMoreStep<EmailMessagesRecord> newRow(
      InsertSetStep<EmailMessagesRecord> into,
      Field<String> dedupeKey,
      Field<String> bulkSendId,
      Field<String> orgId,
      Field<String> contactId,
      Field<String> memberId,
      Field<String> address,
      Field<String> template,
      Field<String> state,
      Field<OffsetDateTime> now) {
    return into.set(EMAIL_MESSAGES.DEDUPE_KEY, dedupeKey)
        .set(EMAIL_MESSAGES.BULK_SEND_ID, bulkSendId)
        .set(EMAIL_MESSAGES.ORG_ID, orgId)
        .set(EMAIL_MESSAGES.CONTACT_ID, contactId)
        .set(EMAIL_MESSAGES.MEMBER_ID, memberId)
        .set(EMAIL_MESSAGES.ADDRESS, address)
        .set(EMAIL_MESSAGES.TEMPLATE, template)
        .set(EMAIL_MESSAGES.STATE, state)
        .set(EMAIL_MESSAGES.CREATED_AT, now)
        .set(EMAIL_MESSAGES.UPDATED_AT, now);
  }

  private static Message message(Record r) {
    return new Message(
        r.get(EMAIL_MESSAGES.DEDUPE_KEY), r.get(EMAIL_MESSAGES.STATE), r.get(EMAIL_MESSAGES.SES_MESSAGE_ID), r.get(EMAIL_MESSAGES.ERROR));
  }

  /**
   * Records SES's acceptance by the attempt that holds the claim; false when another attempt took
   * the claim meanwhile (this one was superseded: its write changes nothing, and the live attempt,
   * whose claim marked the message in doubt, records its own outcome).
   */
  boolean markSent(String dedupeKey, String claimant, String sesMessageId) {
    return dsl.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.STATE, DSL.inline(EmailState.SENT))
        .set(EMAIL_MESSAGES.SES_MESSAGE_ID, sesMessageId)
        .set(EMAIL_MESSAGES.ERROR, DSL.inline((String) null))
        .set(EMAIL_MESSAGES.CLAIMED_BY, DSL.inline((String) null))
        .set(EMAIL_MESSAGES.UPDATED_AT, now())
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq(dedupeKey))
        .and(EMAIL_MESSAGES.CLAIMED_BY.eq(claimant))
        .execute() == 1;
  }

  /**
   * Notes a transient error on a message that stays {@code SENDING} (it will be retried). {@code
   * inDoubt}: SES may have sent it all the same (the call timed out or its answer was lost);
   * otherwise it surely did not, and the next call is no second copy. Only the attempt that holds
   * the claim writes: a superseded one's late error leaves the live claim alone.
   */
  void noteError(String dedupeKey, String claimant, String error, String detail, boolean inDoubt) {
    dsl.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.ERROR, error)
        .set(EMAIL_MESSAGES.ERROR_DETAIL, detail)
        .set(EMAIL_MESSAGES.CLAIMED_BY, (String) null)
        .set(EMAIL_MESSAGES.IN_DOUBT, inDoubt ? DSL.inline(true) : EMAIL_MESSAGES.IN_DOUBT)
        .set(EMAIL_MESSAGES.UPDATED_AT, now())
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq(dedupeKey))
        .and(EMAIL_MESSAGES.STATE.eq(EmailState.SENDING))
        .and(EMAIL_MESSAGES.CLAIMED_BY.eq(claimant))
        .execute();
  }

  /** A permanent refusal, recorded by the attempt that holds the claim (fenced as the others). */
  void markFailed(String dedupeKey, String claimant, String error, String detail) {
    dsl.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.STATE, EmailState.FAILED)
        .set(EMAIL_MESSAGES.CLAIMED_BY, (String) null)
        .set(EMAIL_MESSAGES.ERROR, error)
        .set(EMAIL_MESSAGES.ERROR_DETAIL, detail)
        .set(EMAIL_MESSAGES.UPDATED_AT, now())
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq(dedupeKey))
        .and(EMAIL_MESSAGES.CLAIMED_BY.eq(claimant))
        .execute();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
