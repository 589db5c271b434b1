package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What SES reported on a message after accepting it, recorded on the message: {@code DELIVERED},
 * {@code BOUNCED}, {@code COMPLAINED}. A report never takes a message back to a lesser one (a
 * delivery arriving after the complaint leaves it {@code COMPLAINED}), and is passed to every
 * {@link Follower} in the same transaction.
 */
public final class EmailDeliveries {
  public static final String DELIVERED = "DELIVERED";
  public static final String BOUNCED = "BOUNCED";
  public static final String COMPLAINED = "COMPLAINED";

  private static final Map<String, Integer> RANK = Map.of(DELIVERED, 1, BOUNCED, 2, COMPLAINED, 3);

  /**
   * A capability whose own rows follow its messages' delivery (a notification's email channel):
   * a bean, called in the transaction that records SES's report.
   */
  public interface Follower {
    /** The message {@code dedupeKey} of {@code orgId} is now {@code delivery}. */
    void delivered(DSLContext t, String orgId, String dedupeKey, String delivery);
  }

  /** A message whose delivery changed. */
  record Changed(String orgId, String dedupeKey, String delivery) {}

  private EmailDeliveries() {}

  /** The delivery an SES event type reports. */
  static String of(String eventType) {
    return switch (eventType) {
      case "Delivery" -> DELIVERED;
      case "Bounce" -> BOUNCED;
      case "Complaint" -> COMPLAINED;
      default -> throw new IllegalArgumentException(eventType);
    };
  }

  /**
   * Records {@code delivery} on the message SES knows as {@code sesMessageId} unless it stands at
   * that or a higher one; returns the messages it changed.
   */
  static List<Changed> record(
      DSLContext t, String sesMessageId, String delivery, String reason, OffsetDateTime at) {
    Field<Integer> current = DSL.case_(EMAIL_MESSAGES.DELIVERY)
        .mapValues(Map.of(DELIVERED, 1, BOUNCED, 2, COMPLAINED, 3))
        .else_(0);
    return t.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.DELIVERY, delivery)
        .set(EMAIL_MESSAGES.DELIVERY_REASON, reason)
        .set(EMAIL_MESSAGES.DELIVERY_AT, at)
        .where(EMAIL_MESSAGES.SES_MESSAGE_ID.eq(sesMessageId))
        .and(current.lt(RANK.get(delivery)))
        .returning(EMAIL_MESSAGES.ORG_ID, EMAIL_MESSAGES.DEDUPE_KEY)
        .fetch(r -> new Changed(r.get(EMAIL_MESSAGES.ORG_ID), r.get(EMAIL_MESSAGES.DEDUPE_KEY), delivery));
  }
}
