package io.workerplatform.email;

import io.workerplatform.common.EmailAddresses;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SES bounce, complaint and delivery events arriving as SNS HTTP messages: each named recipient is
 * an email event row; hard bounces and complaints add the address to the suppressions; the
 * message's delivery follows ({@link EmailDeliveries}), and with it its followers' rows. A message
 * is checked whole (signature, shape, SES content) before anything is written.
 */
public class SesNotifications {
  private static final Logger log = LoggerFactory.getLogger(SesNotifications.class);

  /** Where SNS's subscription confirmation URLs point (the default of the allowed form). */
  public static final String AWS_SUBSCRIBE_URL = "https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/.*";

  private final DSLContext dsl;
  private final SnsSignatureVerifier verifier; // null: signatures are not checked
  private final Pattern allowedSubscribeUrl;
  private final Set<String> topicArns;
  private final SuppressionList suppressions;
  private final JsonMapper json;
  private final List<EmailDeliveries.Follower> followers;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param topicArns the SNS topics whose messages are accepted: any AWS account can subscribe its
   *     own topic to this URL and sign with SNS's certificate, so the signature alone proves nothing
   *     about who sent the event; none configured, none accepted
   */
  public SesNotifications(
      DSLContext dsl, SnsSignatureVerifier verifier, Pattern allowedSubscribeUrl, Set<String> topicArns,
      SuppressionList suppressions, JsonMapper json, List<EmailDeliveries.Follower> followers, Clock clock) {
    this.dsl = dsl;
    this.followers = List.copyOf(followers);
    this.clock = clock;
    this.json = json;
    this.suppressions = suppressions;
    this.verifier = verifier;
    this.allowedSubscribeUrl = allowedSubscribeUrl;
    this.topicArns = Set.copyOf(topicArns);
  }

  public enum Outcome { RECORDED, SUBSCRIPTION_CONFIRMED, IGNORED }

  /** The SES event types that change a message or a suppression; the others are ignored. */
  static final Set<String> CHANGING_TYPES = Set.of("Bounce", "Complaint", "Delivery");

  /**
   * One recipient's event, as stored. {@code category}: a bounce's type and subtype ({@code
   * Permanent/General}), the message's delivery reason; never SES's diagnostic text.
   */
  record Event(String type, String sesMessageId, String recipient, String suppressionReason, String category) {

    Event(String type, String sesMessageId, String recipient, String suppressionReason) {
      this(type, sesMessageId, recipient, suppressionReason, null);
    }
  }

  /**
   * @throws SnsMessage.MalformedException for a body that is not an SNS message carrying an SES
   *     event (nothing is written)
   * @throws UnverifiedException when the signature does not verify (nothing is written)
   */
  public Outcome receive(String body) {
    SnsMessage message = SnsMessage.parse(json, body);
    // Before the signature: a foreign topic costs no certificate download.
    if (!topicArns.contains(message.topicArn())) {
      throw new UnverifiedException("topic " + message.topicArn() + " is not one of platform.email.sns.topic-arns");
    }
    if (verifier != null) {
      String problem = verifier.problem(message);
      if (problem != null) {
        throw new UnverifiedException(problem);
      }
    }
    return switch (message.type()) {
      case SnsMessage.SUBSCRIPTION_CONFIRMATION -> confirm(message);
      case SnsMessage.NOTIFICATION -> record(message);
      default -> Outcome.IGNORED;
    };
  }

  private Outcome confirm(SnsMessage message) {
    if (!allowedSubscribeUrl.matcher(message.subscribeUrl()).matches()) {
      throw new SnsMessage.MalformedException("SubscribeURL", "is not an SNS URL");
    }
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(message.subscribeUrl())).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("SNS answered " + response.statusCode() + " to the subscription confirmation");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot confirm the SNS subscription: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return Outcome.SUBSCRIPTION_CONFIRMED;
  }

  private Outcome record(SnsMessage message) {
    JsonNode ses;
    try {
      ses = json.readTree(message.message());
    } catch (JacksonException e) {
      throw new SnsMessage.MalformedException("Message", "is not JSON");
    }
    if (ses == null || !ses.isObject()) {
      throw new SnsMessage.MalformedException("Message", "must be an SES event object");
    }
    String type = ses.path("eventType").asString(ses.path("notificationType").asString(""));
    if (type.isEmpty()) {
      throw new SnsMessage.MalformedException("Message.eventType", "is required (an SES event)");
    }
    if (!CHANGING_TYPES.contains(type)) {
      // Send, Reject, DeliveryDelay, Open, Click, ...: nothing a message's state follows, and their
      // details (an opener's address and agent) are nothing to keep. Answered 200: SNS does not
      // retry a 4xx, so refusing them would only lose them noisily.
      log.debug("SES event of type {} ignored", type);
      return Outcome.IGNORED;
    }
    List<Event> events = events(ses);
    dsl.transaction(
        tx -> {
          // the organization whose message the events are about (one SES message per
          // notification: events() read its mail.messageId); none for a message not ours
          String orgId = events.isEmpty() ? null
              : tx.dsl().select(EMAIL_MESSAGES.ORG_ID).from(EMAIL_MESSAGES)
                  .where(EMAIL_MESSAGES.SES_MESSAGE_ID.eq(events.get(0).sesMessageId())).limit(1)
                  .fetchOne(EMAIL_MESSAGES.ORG_ID);
          for (Event event : events) {
            tx.dsl()
                .insertInto(EMAIL_EVENTS)
                .set(EMAIL_EVENTS.SNS_MESSAGE_ID, message.messageId())
                .set(EMAIL_EVENTS.NOTIFICATION_TYPE, event.type())
                .set(EMAIL_EVENTS.SES_MESSAGE_ID, event.sesMessageId())
                .set(EMAIL_EVENTS.ORG_ID, orgId)
                // A message not ours (another application on the account, a test send) belongs to
                // no organization: no erasure or export would ever find it, so it keeps no address
                // and no raw JSON, only what identifies it (its keyed hash, as suppressions do).
                .set(EMAIL_EVENTS.RECIPIENT, orgId != null ? event.recipient() : notOurs(event.recipient()))
                .set(EMAIL_EVENTS.RAW, JSONB.jsonb(orgId != null ? message.message() : identifying(event)))
                .onConflictDoNothing()
                .execute();
            if (event.suppressionReason() != null) {
              suppressions.add(tx.dsl(), event.recipient(), event.suppressionReason());
            }
          }
          if (orgId != null) {
            follow(tx.dsl(), events.get(0));
          }
        });
    return Outcome.RECORDED;
  }

  /** The message's delivery, and what follows it (its recipients are one: the platform sends one per message). */
  private void follow(DSLContext t, Event event) {
    OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (EmailDeliveries.Changed changed :
        EmailDeliveries.record(t, event.sesMessageId(), EmailDeliveries.of(event.type()), event.category(), at)) {
      followers.forEach(f -> f.delivered(t, changed.orgId(), changed.dedupeKey(), changed.delivery()));
    }
  }

  /** How the recipient of an event about a message not ours is kept: its keyed hash. */
  private String notOurs(String recipient) {
    return "hmac:" + HexFormat.of().formatHex(suppressions.hash(recipient));
  }

  private String identifying(Event event) {
    var raw = json.createObjectNode();
    raw.put("eventType", event.type());
    raw.putObject("mail").put("messageId", event.sesMessageId());
    return raw.toString();
  }

  /** The per-recipient events of an SES notification (event publishing or identity notification). */
  static List<Event> events(JsonNode ses) {
    if (ses == null || !ses.isObject()) {
      throw new SnsMessage.MalformedException("Message", "must be an SES event object");
    }
    String type = ses.path("eventType").asString(ses.path("notificationType").asString(""));
    String messageId = ses.path("mail").path("messageId").asString(null);
    if (messageId == null) {
      throw new SnsMessage.MalformedException("Message.mail.messageId", "is required");
    }
    List<Event> events = new ArrayList<>();
    switch (type) {
      case "Bounce" -> {
        JsonNode bounce = ses.path("bounce");
        boolean permanent = "Permanent".equals(bounce.path("bounceType").asString(""));
        String subType = bounce.path("bounceSubType").asString("General");
        String reason = "hard bounce (" + subType + ")";
        String category = (permanent ? "hard bounce (" : "soft bounce (") + category(subType) + ")";
        for (String address : addresses(bounce.path("bouncedRecipients"), "Message.bounce.bouncedRecipients")) {
          events.add(new Event(type, messageId, address, permanent ? reason : null, category));
        }
      }
      case "Complaint" -> {
        for (String address :
            addresses(ses.path("complaint").path("complainedRecipients"), "Message.complaint.complainedRecipients")) {
          events.add(new Event(type, messageId, address, "complaint", "complaint"));
        }
      }
      case "Delivery" -> {
        JsonNode recipients = ses.path("delivery").path("recipients");
        if (!recipients.isArray() || recipients.isEmpty()) {
          throw new SnsMessage.MalformedException("Message.delivery.recipients", "must list the recipients");
        }
        for (JsonNode recipient : recipients) {
          if (!recipient.isString()) {
            throw new SnsMessage.MalformedException("Message.delivery.recipients", "must list addresses as strings");
          }
          events.add(new Event(type, messageId, recipient.asString(), null));
        }
      }
      default -> throw new SnsMessage.MalformedException("Message.eventType", "'" + type + "' is not Bounce, Complaint or Delivery");
    }
    return events;
  }

  /** SES's bounce subtypes are words ({@code General}, {@code MailboxFull}); anything else is not kept. */
  private static String category(String subType) {
    return subType.matches("[A-Za-z]{1,40}") ? subType : "Other";
  }

  private static List<String> addresses(JsonNode recipients, String field) {
    if (!recipients.isArray() || recipients.isEmpty()) {
      throw new SnsMessage.MalformedException(field, "must list the recipients");
    }
    List<String> addresses = new ArrayList<>();
    for (JsonNode recipient : recipients) {
      String address = recipient.path("emailAddress").asString("");
      if (!EmailAddresses.isValid(address)) {
        throw new SnsMessage.MalformedException(field, "holds an invalid emailAddress");
      }
      addresses.add(address);
    }
    return addresses;
  }

  /** The message is not signed by SNS. */
  public static final class UnverifiedException extends RuntimeException {
    public UnverifiedException(String problem) {
      super(problem);
    }
  }
}
