package io.workerplatform.host.email;

import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.NOTIFICATIONS;
import static io.workerplatform.db.Tables.SUPPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.email.EmailInsert;
import io.workerplatform.email.EmailRequestStore;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationStore;
import java.util.Map;
import org.jooq.DSLContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.email.SnsMessage;
import io.workerplatform.email.SuppressionList;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code POST /callbacks/ses} with SNS messages signed as SNS signs them (by a local stand-in). */
@HostTest
class SesCallbackEndToEndTest {
  private static final SnsSigner sns = newSigner();
  private static final JsonMapper JSON = TestDatabase.JSON;

  private static SnsSigner newSigner() {
    try {
      return new SnsSigner();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.workers.task-queues", () -> "");
    // the stand-in's certificate URLs and name; every other rule of SNS's (age, validity) holds
    registry.add("platform.email.sns.certificate-url-pattern", () -> "http://127\\.0\\.0\\.1:\\d+/[^?#]+\\.pem");
    registry.add("platform.email.sns.certificate-name", () -> "sns.test");
    registry.add("platform.email.sns.subscribe-url-pattern", () -> "http://127\\.0\\.0\\.1:\\d+/confirm.*");
    registry.add("platform.email.sns.topic-arns", () -> "arn:aws:sns:eu-west-1:123456789012:other," + TOPIC);
  }

  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-events";

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired SuppressionList suppressionList;
  @Autowired EmailRequestStore emailRequests;
  @Autowired MemberStore members;
  @Autowired NotificationStore notifications;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stop() throws Exception {
    sns.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/callbacks/ses"))
            .header("content-type", "text/plain; charset=UTF-8") // as SNS sends it
            .header("x-amz-sns-message-type", "Notification")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String sesEvent(String type, String detail) {
    return "{\"eventType\":\"" + type + "\",\"mail\":{\"messageId\":\"ses-" + type + "\"}," + detail + "}";
  }

  private String notification(String snsMessageId, String sesEvent) throws Exception {
    return notification(snsMessageId, sesEvent, TOPIC);
  }

  private String notification(String snsMessageId, String sesEvent, String topic) throws Exception {
    ObjectNode message = JSON.createObjectNode();
    message.put("Type", "Notification");
    message.put("MessageId", snsMessageId);
    message.put("TopicArn", topic);
    message.put("Message", sesEvent);
    message.put("Timestamp", java.time.Instant.now().toString());
    message.put("SignatureVersion", "2");
    message.put("SigningCertURL", sns.certificateUrl());
    message.put("Signature", sns.sign(SnsMessage.parse(JSON, withSignature(message)).stringToSign()));
    return JSON.writeValueAsString(message);
  }

  private static String withSignature(ObjectNode message) throws Exception {
    ObjectNode copy = message.deepCopy();
    copy.put("Signature", "unsigned");
    return JSON.writeValueAsString(copy);
  }

  private int events() {
    return dsl.fetchCount(EMAIL_EVENTS);
  }

  private int suppressions() {
    return dsl.fetchCount(SUPPRESSIONS);
  }

  @Test
  void aHardBounceIsRecordedAndSuppressedOnceEvenIfRedelivered() throws Exception {
    String body =
        notification(
            "sns-" + UUID.randomUUID(),
            sesEvent(
                "Bounce",
                "\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\","
                    + "\"bouncedRecipients\":[{\"emailAddress\":\"Gone@Example.com\"}]}"));

    assertThat(post(body).statusCode()).isEqualTo(200);
    assertThat(post(body).statusCode()).isEqualTo(200); // SNS retries deliveries

    var suppression = dsl.fetchSingle(SUPPRESSIONS, SUPPRESSIONS.ADDRESS_HMAC.eq(suppressionList.hash("gone@example.com")));
    assertThat(suppression.getAddress()).isNull();
    assertThat(suppression.getReason()).isEqualTo("hard bounce (General)");
    // a message not ours: identified, but no address and no raw JSON kept
    var event = dsl.fetchSingle(EMAIL_EVENTS, EMAIL_EVENTS.RECIPIENT.eq(notOurs("gone@example.com")));
    assertThat(event.getNotificationType()).isEqualTo("Bounce");
    assertThat(event.getSesMessageId()).isEqualTo("ses-Bounce");
    assertThat(event.getOrgId()).isNull();
    assertThat(event.getRaw().data()).doesNotContain("Gone").doesNotContain("bounceType").contains("\"ses-Bounce\"");
  }

  @Test
  void eventTypesThatChangeNoMessageAreAnsweredOkAndWriteNothing() throws Exception {
    int before = events();
    int suppressed = suppressions();
    // SES publishes these too; SNS does not retry a 4xx, so a 400 would only lose them noisily
    for (String type : List.of("Send", "Reject", "DeliveryDelay", "Open", "Click", "Rendering Failure", "Subscription")) {
      HttpResponse<String> response = post(notification("sns-" + UUID.randomUUID(),
          sesEvent(type, "\"open\":{\"ipAddress\":\"192.0.2.1\",\"userAgent\":\"x\"}")));

      assertThat(response.statusCode()).as(type).isEqualTo(200);
      assertThat(response.body()).as(type).contains("\"outcome\":\"IGNORED\"");
    }
    assertThat(events()).isEqualTo(before);
    assertThat(suppressions()).isEqualTo(suppressed);
  }

  private String notOurs(String address) {
    return "hmac:" + java.util.HexFormat.of().formatHex(suppressionList.hash(address));
  }

  @Test
  void anEventAboutOneOfOurMessagesKeepsItsAddressForErasureAndExport() throws Exception {
    String orgId = "org-ses-" + System.nanoTime();
    var api = io.workerplatform.host.support.Api.admin(port).newOrganization(orgId);
    String contactId = api.post("/api/orgs/" + orgId + "/contacts", "{\"contacts\":[{\"email\":\"ours@example.com\"}]}")
        .body().get("ids").get(0).asString();
    String sesMessageId = "ses-ours-" + UUID.randomUUID();
    dsl.insertInto(io.workerplatform.db.Tables.EMAIL_MESSAGES)
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.DEDUPE_KEY, "test/" + sesMessageId)
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.ORG_ID, orgId)
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.CONTACT_ID, contactId)
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.TEMPLATE, "petition-invite")
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.STATE, "SENT")
        .set(io.workerplatform.db.Tables.EMAIL_MESSAGES.SES_MESSAGE_ID, sesMessageId)
        .execute();
    String delivery = "{\"eventType\":\"Delivery\",\"mail\":{\"messageId\":\"" + sesMessageId + "\"},"
        + "\"delivery\":{\"recipients\":[\"ours@example.com\"]}}";

    assertThat(post(notification("sns-" + UUID.randomUUID(), delivery)).statusCode()).isEqualTo(200);

    var event = dsl.fetchSingle(EMAIL_EVENTS, EMAIL_EVENTS.SES_MESSAGE_ID.eq(sesMessageId));
    assertThat(event.getOrgId()).isEqualTo(orgId);
    assertThat(event.getRecipient()).isEqualTo("ours@example.com");
    assertThat(event.getRaw().data()).contains("\"recipients\"");
  }

  @Test
  void complaintsSuppressDeliveriesAndSoftBouncesDoNot() throws Exception {
    assertThat(
            post(notification("sns-" + UUID.randomUUID(),
                    sesEvent("Complaint", "\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"angry@example.com\"}]}")))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            post(notification("sns-" + UUID.randomUUID(),
                    sesEvent("Delivery", "\"delivery\":{\"recipients\":[\"happy@example.com\"]}")))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            post(notification("sns-" + UUID.randomUUID(),
                    sesEvent("Bounce", "\"bounce\":{\"bounceType\":\"Transient\",\"bouncedRecipients\":[{\"emailAddress\":\"full@example.com\"}]}")))
                .statusCode())
        .isEqualTo(200);

    assertThat(dsl.fetchSingle(SUPPRESSIONS, SUPPRESSIONS.ADDRESS_HMAC.eq(suppressionList.hash("angry@example.com"))).getReason()).isEqualTo("complaint");
    assertThat(suppressionList.suppressed(List.of("happy@example.com", "full@example.com"))).isEmpty();
    assertThat(dsl.fetchExists(EMAIL_EVENTS, EMAIL_EVENTS.RECIPIENT.eq(notOurs("happy@example.com")))).isTrue();
    assertThat(dsl.fetchExists(EMAIL_EVENTS, EMAIL_EVENTS.RECIPIENT.eq(notOurs("full@example.com")))).isTrue();
    assertThat(dsl.fetchExists(EMAIL_EVENTS, EMAIL_EVENTS.RECIPIENT.eq("happy@example.com"))).isFalse();
  }

  private String subscriptionConfirmation(String topic, String token) throws Exception {
    ObjectNode message = JSON.createObjectNode();
    message.put("Type", "SubscriptionConfirmation");
    message.put("MessageId", "sns-" + UUID.randomUUID());
    message.put("Token", token);
    message.put("TopicArn", topic);
    message.put("Message", "You have chosen to subscribe to the topic.");
    message.put("SubscribeURL", sns.base() + "/confirm?Action=ConfirmSubscription&Token=" + token);
    message.put("Timestamp", java.time.Instant.now().toString());
    message.put("SignatureVersion", "2");
    message.put("SigningCertURL", sns.certificateUrl());
    message.put("Signature", sns.sign(SnsMessage.parse(JSON, withSignature(message)).stringToSign()));
    return JSON.writeValueAsString(message);
  }

  @Test
  void aSubscriptionConfirmationVisitsTheSubscribeUrl() throws Exception {
    HttpResponse<String> response = post(subscriptionConfirmation(TOPIC, "tok123"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sns.confirmations).contains("Action=ConfirmSubscription&Token=tok123");
  }

  @Test
  void anotherTopicIsRefusedEvenWhenSignedBySns() throws Exception {
    String foreign = "arn:aws:sns:eu-west-1:999999999999:attacker";
    int events = events();
    int suppressions = suppressions();

    HttpResponse<String> notification = post(notification("sns-" + UUID.randomUUID(),
        sesEvent("Complaint", "\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"victim@example.com\"}]}"), foreign));
    HttpResponse<String> confirmation = post(subscriptionConfirmation(foreign, "tok-foreign"));

    assertThat(notification.statusCode()).isEqualTo(403);
    assertThat(notification.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(confirmation.statusCode()).isEqualTo(403);
    assertThat(sns.confirmations).noneMatch(c -> c.contains("tok-foreign"));
    assertThat(events()).isEqualTo(events);
    assertThat(suppressions()).isEqualTo(suppressions);
  }

  @Test
  void badBodiesChangeNothing() throws Exception {
    int events = events();
    int suppressions = suppressions();
    String bounce =
        sesEvent("Bounce", "\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"x@example.com\"}]}");

    HttpResponse<String> garbage = post("this is not json");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("\"field\":\"body\"");

    HttpResponse<String> missing = post("{\"Type\":\"Notification\",\"MessageId\":\"m\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("\"field\":\"TopicArn\"");

    ObjectNode tampered = (ObjectNode) JSON.readTree(notification("sns-" + UUID.randomUUID(), bounce));
    tampered.put("Message", bounce.replace("x@example.com", "victim@example.com"));
    assertThat(post(JSON.writeValueAsString(tampered)).statusCode()).isEqualTo(403);

    ObjectNode foreignCertificate = (ObjectNode) JSON.readTree(notification("sns-" + UUID.randomUUID(), bounce));
    foreignCertificate.put("SigningCertURL", "http://evil.example/cert.pem");
    assertThat(post(JSON.writeValueAsString(foreignCertificate)).statusCode()).isEqualTo(403);

    HttpResponse<String> notSes = post(notification("sns-" + UUID.randomUUID(), "{\"hello\":1}"));
    assertThat(notSes.statusCode()).isEqualTo(400);
    assertThat(notSes.body()).contains("Message.");

    assertThat(events()).isEqualTo(events);
    assertThat(suppressions()).isEqualTo(suppressions);
  }

  @Test
  void sesReportsMoveTheApplicationsEmailAndTheNotificationsEmailChannelOnAndNeverBack() throws Exception {
    String orgId = "org-" + System.nanoTime();
    Api api = Api.admin(port).newOrganization(orgId);
    String emailId = emailRequests.create(new EmailRequestStore.NewEmail(
        orgId, null, null, "reports@example.com", "document-expiry", "{}", null)).email().id();
    String member = members.create(orgId, new MemberStore.NewMember("n@example.com", "N", "ADMIN", "UTC", "en")).id();
    notifications.create(
        new NotificationStore.About(orgId, "evt_ref_" + orgId, "evt-" + orgId, "petition.completed", null, "t"),
        Map.of(member, List.of("EMAIL")));
    String notification = dsl.fetchValue(NOTIFICATIONS.ID, NOTIFICATIONS.MEMBER_ID.eq(member));
    notifications.emailDone(notification, NotificationStore.SENT);
    String appSes = "ses-app-" + orgId;
    String notificationSes = "ses-notification-" + orgId;
    dsl.update(EMAIL_MESSAGES).set(EMAIL_MESSAGES.STATE, "SENT").set(EMAIL_MESSAGES.SES_MESSAGE_ID, appSes)
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq(EmailInsert.dedupeKey(orgId, emailId))).execute();
    dsl.insertInto(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.DEDUPE_KEY, "notification/evt_ref_" + orgId + "/" + member + "/EMAIL")
        .set(EMAIL_MESSAGES.ORG_ID, orgId).set(EMAIL_MESSAGES.MEMBER_ID, member)
        .set(EMAIL_MESSAGES.TEMPLATE, "member-notification").set(EMAIL_MESSAGES.STATE, "SENT")
        .set(EMAIL_MESSAGES.SES_MESSAGE_ID, notificationSes).execute();
    String delivery = "\"delivery\":{\"recipients\":[\"reports@example.com\"]}";
    String complaint = "\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"reports@example.com\"}]}";
    String bounce = "\"bounce\":{\"bounceType\":\"Transient\",\"bounceSubType\":\"MailboxFull\","
        + "\"bouncedRecipients\":[{\"emailAddress\":\"n@example.com\"}]}";

    assertThat(post(notification("sns-" + UUID.randomUUID(), event(appSes, "Delivery", delivery))).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/orgs/" + orgId + "/emails/" + emailId).body().get("status").asString()).isEqualTo("DELIVERED");
    post(notification("sns-" + UUID.randomUUID(), event(appSes, "Complaint", complaint)));
    post(notification("sns-" + UUID.randomUUID(), event(appSes, "Delivery", delivery))); // late: changes nothing
    post(notification("sns-" + UUID.randomUUID(), event(notificationSes, "Bounce", bounce)));

    var email = api.get("/api/orgs/" + orgId + "/emails/" + emailId).body();
    assertThat(email.get("status").asString()).isEqualTo("COMPLAINED");
    assertThat(email.get("reason").asString()).isEqualTo("complaint");
    assertThat(dsl.fetchValue(NOTIFICATIONS.EMAIL_STATUS, NOTIFICATIONS.ID.eq(notification))).isEqualTo("BOUNCED");
    assertThat(dsl.fetchValue(EMAIL_MESSAGES.DELIVERY_REASON, EMAIL_MESSAGES.SES_MESSAGE_ID.eq(notificationSes)))
        .isEqualTo("soft bounce (MailboxFull)");
  }

  private static String event(String sesMessageId, String type, String detail) {
    return "{\"eventType\":\"" + type + "\",\"mail\":{\"messageId\":\"" + sesMessageId + "\"}," + detail + "}";
  }
}
