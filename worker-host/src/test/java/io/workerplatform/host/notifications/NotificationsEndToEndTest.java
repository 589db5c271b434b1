package io.workerplatform.host.notifications;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.NOTIFICATIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.email.SesLocalServer;
import io.workerplatform.email.SesLocalServer.ReceivedEmail;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.LocalSes;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.temporal.client.WorkflowClient;
import io.workerplatform.notifications.NotificationEmailActivities.EmailsSent;
import io.workerplatform.notifications.NotificationEmailsWorkflow;
import io.workerplatform.notifications.NotificationRecipients;
import io.workerplatform.events.HandledEvent;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Comments and completed petitions through the REST API notify the organization's members by
 * their preferences: in-app rows, immediate emails at the local SES server, digest ones pending.
 */
@HostTest
class NotificationsEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
    registry.add("platform.email.allow-list", () -> "*@example.com");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired WorkflowClient temporal;
  private Api api;
  private String orgId;
  private String petitionId;

  @BeforeEach
  void organizationWithAPetition() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
    petitionId = api.post("/api/orgs/" + orgId + "/petitions", "{\"title\":\"Longer opening hours\"}")
        .body().get("id").asString();
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  private String member(String email, String role) {
    return api.post("/api/orgs/" + orgId + "/members", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}")
        .body().get("id").asString();
  }

  private String inbox(String memberId) {
    return "/api/orgs/" + orgId + "/members/" + memberId + "/notifications";
  }

  private List<JsonNode> items(String path) {
    List<JsonNode> items = new ArrayList<>();
    api.get(path).body().get("items").forEach(items::add);
    return items;
  }

  private List<JsonNode> awaitItems(String path, int count) {
    return Eventually.await(() -> items(path), list -> list.size() == count, Duration.ofSeconds(20));
  }

  @Test
  void aCompletedPetitionNotifiesEachMemberOnceThroughTheChannelsOfItsRoleOrItsChoice() throws Exception {
    String admin = member("adele-" + orgId + "@example.com", "ADMIN");
    String plain = member("max-" + orgId + "@example.com", "MEMBER");
    String compliance = member("cora-" + orgId + "@example.com", "COMPLIANCE");
    String chooser = member("mo-" + orgId + "@example.com", "MEMBER");
    api.put("/api/orgs/" + orgId + "/members/" + chooser + "/notification-preferences",
        "{\"petition.completed\":[\"EMAIL\",\"DIGEST\"]}");

    Api.Response completed = api.post("/api/orgs/" + orgId + "/petitions/" + petitionId + "/complete", "");
    Api.Response again = api.post("/api/orgs/" + orgId + "/petitions/" + petitionId + "/complete", "");

    assertThat(completed.status()).isEqualTo(200);
    assertThat(completed.body().get("status").asString()).isEqualTo("COMPLETED");
    assertThat(again.body()).isEqualTo(completed.body());
    JsonNode toAdmin = awaitItems(inbox(admin), 1).get(0);
    assertThat(toAdmin.get("eventType").asString()).isEqualTo("petition.completed");
    assertThat(toAdmin.get("eventId").asString()).isEqualTo("petition-completed-" + petitionId);
    assertThat(toAdmin.get("entityId").asString()).isEqualTo(petitionId);
    assertThat(toAdmin.get("title").asString()).isEqualTo("Petition " + petitionId + " was completed");
    assertThat(toAdmin.get("readAt").isNull()).isTrue();
    JsonNode adminChannels = Eventually.await(
        () -> items(inbox(admin)).get(0).get("channels"), c -> !c.get("EMAIL").asString().equals("PENDING"),
        Duration.ofSeconds(20));
    assertThat(adminChannels.get("IN_APP").asString()).isEqualTo("SENT");
    assertThat(adminChannels.get("EMAIL").asString()).isEqualTo("SENT");
    assertThat(adminChannels.get("DIGEST").asString()).isEqualTo("SKIPPED");
    assertThat(awaitItems(inbox(plain), 1).get(0).get("channels").get("EMAIL").asString()).isEqualTo("SKIPPED");
    // COMPLIANCE has no default for petition.completed; the chooser's notification is not in-app.
    assertThat(items(inbox(compliance))).isEmpty();
    assertThat(items(inbox(chooser))).isEmpty();
    var chosen = Eventually.await(
        () -> dsl.fetchOne(NOTIFICATIONS, NOTIFICATIONS.MEMBER_ID.eq(chooser)),
        n -> n != null && !n.getEmailStatus().equals("PENDING"), Duration.ofSeconds(20));
    assertThat(List.of(chosen.getInAppStatus(), chosen.getEmailStatus(), chosen.getDigestStatus()))
        .containsExactly("SKIPPED", "SENT", "PENDING");
    ReceivedEmail email = ses.emailsTo("adele-" + orgId + "@example.com").get(0);
    assertThat(email.subject()).isEqualTo("Acme: Petition " + petitionId + " was completed");
    assertThat(ses.emailsTo("mo-" + orgId + "@example.com")).hasSize(1);
    assertThat(ses.emailsTo("max-" + orgId + "@example.com")).isEmpty();
    assertThat(dsl.fetchCount(NOTIFICATIONS, NOTIFICATIONS.ORG_ID.eq(orgId))).isEqualTo(3);
    assertThat(dsl.fetchCount(EMAIL_MESSAGES, EMAIL_MESSAGES.ORG_ID.eq(orgId))).isEqualTo(2);
    assertThat(dsl.fetchValue(EMAIL_MESSAGES.MEMBER_ID, EMAIL_MESSAGES.DEDUPE_KEY.like("notification/%/" + admin + "/EMAIL")))
        .isEqualTo(admin);
    // Sent by the event's own email workflow, not inside the event's processing.
    String eventRef = dsl.fetchValue(NOTIFICATIONS.EVENT_REF, NOTIFICATIONS.MEMBER_ID.eq(admin));
    assertThat(temporal.newUntypedWorkflowStub(NotificationEmailsWorkflow.workflowId(orgId, eventRef))
            .getResult(10, TimeUnit.SECONDS, EmailsSent.class))
        .isEqualTo(new EmailsSent(2, 0, 0));
  }

  @Test
  void aCommentIsStoredWithItsEventAndReadOneByOneOrAllAtOnce() {
    String manager = member("mia-" + orgId + "@example.com", "MANAGER");
    String path = "/api/orgs/" + orgId + "/petitions/" + petitionId + "/comments";

    Api.Response first = api.post(path, "{\"body\":\"Please also open on Sundays\",\"authorName\":\"Visitor\"}");
    api.post(path, "{\"body\":\"Agreed\"}");

    assertThat(first.status()).isEqualTo(201);
    String commentId = first.body().get("id").asString();
    assertThat(first.body().get("eventId").asString()).isEqualTo("comment-" + commentId);
    List<JsonNode> unread = awaitItems(inbox(manager) + "?unread=true", 2);
    assertThat(unread).extracting(n -> n.get("title").asString())
        .containsOnly("New comment on petition " + petitionId);
    assertThat(unread.get(1).get("eventId").asString()).as("newest first").isEqualTo("comment-" + commentId);
    JsonNode event = api.get("/api/orgs/" + orgId + "/events/comment-" + commentId).body();
    assertThat(event.get("type").asString()).isEqualTo("comment.created");
    assertThat(event.get("entityId").asString()).isEqualTo(petitionId);
    assertThat(event.get("handlers").findValues("name")).extracting(JsonNode::asString).contains("notifications");

    Api.Response read = api.post(inbox(manager) + "/" + unread.get(1).get("id").asString() + "/read", "");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().get("readAt").isNull()).isFalse();
    assertThat(items(inbox(manager) + "?unread=true")).extracting(n -> n.get("id").asString())
        .containsExactly(unread.get(0).get("id").asString());
    assertThat(api.post(inbox(manager) + "/read-all", "").body().get("read").asInt()).isEqualTo(1);
    assertThat(items(inbox(manager) + "?unread=true")).isEmpty();
    assertThat(items(inbox(manager))).hasSize(2);
    api.post(inbox(manager) + "/ntf_unknown/read", "").assertProblem(404, null);
  }

  @Test
  void badCommentsAndUnknownPetitionsAreRefusedAndStoreNothing() {
    String path = "/api/orgs/" + orgId + "/petitions/" + petitionId + "/comments";
    api.post(path, "{\"body\":\" \"}").assertProblem(400, "body");
    api.post(path, "{\"body\":\"" + "x".repeat(10_001) + "\"}").assertProblem(400, "body");
    api.post(path, "{\"body\":\"hi\",\"contactId\":\"c_unknown\"}").assertProblem(404, null);
    api.post("/api/orgs/" + orgId + "/petitions/pet_unknown/comments", "{\"body\":\"hi\"}").assertProblem(404, null);
    api.post("/api/orgs/" + orgId + "/petitions/pet_unknown/complete", "").assertProblem(404, null);
    assertThat(dsl.fetchCount(PETITION_COMMENTS, PETITION_COMMENTS.ORG_ID.eq(orgId))).isZero();
    assertThat(dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID.eq(orgId))).isZero();
  }

  @Test
  void aCapabilityNamesMembersBeyondRolesAndOnlyLiveMembersOfTheEventsOrganizationAreNotified() {
    String owner = member("cleo-" + orgId + "@example.com", "COMPLIANCE"); // no default for the type
    String quiet = member("nia-" + orgId + "@example.com", "COMPLIANCE");
    api.put("/api/orgs/" + orgId + "/members/" + quiet + "/notification-preferences",
        "{\"petition.completed\":[\"DIGEST\"]}");
    String gone = member("gus-" + orgId + "@example.com", "COMPLIANCE");
    api.delete("/api/orgs/" + orgId + "/members/" + gone);
    String otherOrg = "org-other-" + System.nanoTime();
    Api other = Api.admin(port).newOrganization(otherOrg);
    String stranger = other.post("/api/orgs/" + otherOrg + "/members",
        "{\"email\":\"sid-" + otherOrg + "@example.com\",\"role\":\"ADMIN\"}").body().get("id").asString();
    NAMED.put(orgId, Set.of(owner, quiet, gone, stranger, "mem_unknown"));

    api.post("/api/orgs/" + orgId + "/petitions/" + petitionId + "/complete", "");

    var toOwner = Eventually.await(
        () -> dsl.fetchOne(NOTIFICATIONS, NOTIFICATIONS.MEMBER_ID.eq(owner)),
        n -> n != null && !n.getEmailStatus().equals("PENDING"), Duration.ofSeconds(20));
    assertThat(List.of(toOwner.getInAppStatus(), toOwner.getEmailStatus(), toOwner.getDigestStatus()))
        .containsExactly("SENT", "SENT", "SKIPPED");
    assertThat(ses.emailsTo("cleo-" + orgId + "@example.com")).hasSize(1);
    assertThat(toOwner.getTitle()).as("the capability words it").isEqualTo("Your petition " + petitionId + " is complete");
    var toQuiet = dsl.fetchOne(NOTIFICATIONS, NOTIFICATIONS.MEMBER_ID.eq(quiet));
    assertThat(List.of(toQuiet.getInAppStatus(), toQuiet.getEmailStatus(), toQuiet.getDigestStatus()))
        .as("its own choice wins").containsExactly("SKIPPED", "SKIPPED", "PENDING");
    assertThat(dsl.fetchCount(NOTIFICATIONS, NOTIFICATIONS.MEMBER_ID.in(gone, stranger))).isZero();
    assertThat(dsl.fetchCount(NOTIFICATIONS, NOTIFICATIONS.ORG_ID.eq(orgId))).isEqualTo(2);
    assertThat(dsl.fetchCount(NOTIFICATIONS, NOTIFICATIONS.ORG_ID.eq(otherOrg))).isZero();
  }

  /** Per organization, the members the test capability below names for its events. */
  static final Map<String, Set<String>> NAMED = new ConcurrentHashMap<>();

  /** A capability with recipients beyond roles: a petition's "owners" (whom the test names). */
  @TestConfiguration(proxyBeanMethods = false)
  static class PetitionOwners {
    @Bean
    NotificationRecipients petitionOwners() {
      return new NotificationRecipients() {
        @Override
        public Set<String> eventTypes() {
          return Set.of("petition.completed");
        }

        @Override
        public Set<String> memberIds(HandledEvent event) {
          return NAMED.getOrDefault(event.orgId(), Set.of());
        }

        @Override
        public Optional<String> title(HandledEvent event) {
          return NAMED.containsKey(event.orgId())
              ? Optional.of("Your petition " + event.data().path("petitionId").asString() + " is complete")
              : Optional.empty();
        }
      };
    }
  }
}
