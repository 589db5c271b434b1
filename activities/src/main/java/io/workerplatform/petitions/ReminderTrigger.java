package io.workerplatform.petitions;

import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_REMINDERS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;

import io.workerplatform.bulksends.BulkSendStore;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.email.EmailService;
import io.workerplatform.email.EmailState;
import io.workerplatform.email.SendEmailRequest;
import io.workerplatform.email.SendEmailResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Cron job {@code reminder-trigger}: contacts who were sent a petition with a reminder plan and
 * have not replied get {@code petition-reminder} every {@code everyDays} days after the first
 * message, at most {@code max} times, while the petition is open. Reminder {@code n} of a contact
 * is sent under the key {@code petition-reminder/<petition>/<contact>/<n>}, so a retried batch or
 * a repeated run never sends a number twice; the count moves on only after the send is decided.
 * Works in batches of {@code batchSize} (200) recipients, heartbeating between them.
 */
public class ReminderTrigger implements CronJob {
  public static final String NAME = "reminder-trigger";
  public static final String TEMPLATE = "petition-reminder";

  private final DSLContext dsl;
  private final EmailService emails;

  public ReminderTrigger(DSLContext dsl, EmailService emails) {
    this.dsl = dsl;
    this.emails = emails;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int batchSize = CronInputs.positiveInt(input, "batchSize", 200);
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("recipients", (long) discover());
    counts.put("reminders", 0L);
    counts.put("skipped", 0L);
    String afterPetition = "";
    String afterContact = "";
    List<Record3<String, String, Integer>> due;
    do {
      due = due(at, afterPetition, afterContact, batchSize);
      for (Record3<String, String, Integer> recipient : due) {
        int number = recipient.value3() + 1;
        SendEmailResult result =
            emails.send(
                new SendEmailRequest(
                    TEMPLATE + "/" + recipient.value1() + "/" + recipient.value2() + "/" + number,
                    recipient.value2(), TEMPLATE, Map.of("petitionId", recipient.value1())),
                heartbeat);
        dsl.update(PETITION_REMINDERS)
            .set(PETITION_REMINDERS.REMINDERS_SENT, number)
            .set(PETITION_REMINDERS.LAST_SENT_AT, at)
            .where(PETITION_REMINDERS.PETITION_ID.eq(recipient.value1()))
            .and(PETITION_REMINDERS.CONTACT_ID.eq(recipient.value2()))
            .and(PETITION_REMINDERS.REMINDERS_SENT.eq(number - 1))
            .execute();
        counts.merge(EmailState.SENT.equals(result.state()) ? "reminders" : "skipped", 1L, Long::sum);
        afterPetition = recipient.value1();
        afterContact = recipient.value2();
      }
      heartbeat.run();
    } while (due.size() == batchSize);
    return counts;
  }

  /**
   * Adds the recipients of open petitions with a plan that have no row yet: each contact whose
   * message from one of the petition's bulk sends SES accepted, from the first such message.
   */
  private int discover() {
    var sent = BulkSendStore.sentOfPetitions().asTable("sent");
    Field<String> petitionId = sent.field(0, String.class);
    Field<String> contactId = sent.field(1, String.class);
    Field<String> orgId = sent.field(2, String.class);
    return dsl.insertInto(
            PETITION_REMINDERS, PETITION_REMINDERS.PETITION_ID, PETITION_REMINDERS.CONTACT_ID,
            PETITION_REMINDERS.ORG_ID, PETITION_REMINDERS.FIRST_SENT_AT)
        .select(
            DSL.select(petitionId, contactId, orgId, DSL.min(sent.field(3, OffsetDateTime.class)))
                .from(sent)
                .join(PETITIONS).on(PETITIONS.ID.eq(petitionId))
                .where(PETITIONS.STATUS.eq(PetitionStore.OPEN))
                .and(PETITIONS.DELETED_AT.isNull())
                .and(PETITIONS.REMINDER_EVERY_DAYS.isNotNull())
                .groupBy(petitionId, contactId, orgId))
        .onConflictDoNothing()
        .execute();
  }

  /** Recipients whose next reminder is due at {@code at}, after the cursor, by petition and contact. */
  private List<Record3<String, String, Integer>> due(
      OffsetDateTime at, String afterPetition, String afterContact, int limit) {
    Field<OffsetDateTime> dueAt =
        DSL.field(
            "{0} + ({1} + 1) * {2} * interval '1 day'", SQLDataType.TIMESTAMPWITHTIMEZONE,
            PETITION_REMINDERS.FIRST_SENT_AT, PETITION_REMINDERS.REMINDERS_SENT, PETITIONS.REMINDER_EVERY_DAYS);
    return dsl.select(PETITION_REMINDERS.PETITION_ID, PETITION_REMINDERS.CONTACT_ID, PETITION_REMINDERS.REMINDERS_SENT)
        .from(PETITION_REMINDERS)
        .join(PETITIONS).on(PETITIONS.ID.eq(PETITION_REMINDERS.PETITION_ID))
        .where(PETITIONS.STATUS.eq(PetitionStore.OPEN))
        .and(PETITIONS.DELETED_AT.isNull())
        .and(PETITIONS.REMINDER_EVERY_DAYS.isNotNull())
        .and(PETITION_REMINDERS.REMINDERS_SENT.lt(PETITIONS.REMINDER_MAX))
        .and(dueAt.le(at))
        // after an outage, missed reminders are caught up one interval apart, not in a burst
        .and(PETITION_REMINDERS.LAST_SENT_AT.isNull().or(DSL.field(
            "{0} + {1} * interval '1 day'", SQLDataType.TIMESTAMPWITHTIMEZONE,
            PETITION_REMINDERS.LAST_SENT_AT, PETITIONS.REMINDER_EVERY_DAYS).le(at)))
        .and(ContactStore.isReachable(PETITION_REMINDERS.CONTACT_ID))
        .andNotExists(
            DSL.selectOne().from(PETITION_REPLIES)
                .where(PETITION_REPLIES.PETITION_ID.eq(PETITION_REMINDERS.PETITION_ID))
                .and(PETITION_REPLIES.CONTACT_ID.eq(PETITION_REMINDERS.CONTACT_ID)))
        .and(DSL.row(PETITION_REMINDERS.PETITION_ID, PETITION_REMINDERS.CONTACT_ID).gt(afterPetition, afterContact))
        .orderBy(PETITION_REMINDERS.PETITION_ID, PETITION_REMINDERS.CONTACT_ID)
        .limit(limit)
        .fetch();
  }
}
