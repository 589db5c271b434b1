package io.workerplatform.notifications;

import io.workerplatform.email.EmailState;
import io.workerplatform.events.EventHandler;
import io.workerplatform.events.HandledEvent;
import io.workerplatform.events.HandlerRetry;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationStore.About;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Notifies an organization's members of the notifying event types: one notification per
 * recipient member (its channels from its own choice or its role's defaults, within the type's
 * audience), created once per (event, member) however often this runs. The immediate emails are
 * not sent here, inside the event's local activity (whose timeout does not stop a slow SES call,
 * so a retry would overlap it): the handler starts {@code notification-emails/<org>/<event>}
 * ({@link NotificationEmailActivitiesImpl}), which sends them through the email capability's
 * sending step in an activity of its own, and the event's processing stays a few statements.
 */
public class NotificationsEventHandler implements EventHandler {
  public static final String NAME = "notifications";
  public static final String TEMPLATE = "member-notification";
  /** A few statements and a workflow start: retried soon, as long as an outage lasts. */
  private static final HandlerRetry RETRY =
      new HandlerRetry(Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofMinutes(5), 30);

  /** Starts the sending of an event's notification emails: the host's, through the starters. */
  public interface EmailWorkflows {
    /** Starts {@code notification-emails/<org>/<event>}; while it runs, finds it. */
    void start(String orgId, String eventRowId);
  }

  private final NotificationPreferences preferences;
  private final MemberStore members;
  private final PreferenceStore choices;
  private final NotificationStore notifications;
  private final List<NotificationRecipients> named;
  private final Set<String> eventTypes;
  private final EmailWorkflows emails;

  /** {@code named}: the capabilities' recipients beyond roles (beans). */
  public NotificationsEventHandler(
      NotificationPreferences preferences, MemberStore members, PreferenceStore choices,
      NotificationStore notifications, List<NotificationRecipients> named, EmailWorkflows emails) {
    this.preferences = preferences;
    this.members = members;
    this.choices = choices;
    this.notifications = notifications;
    this.named = List.copyOf(named);
    Set<String> types = new HashSet<>(preferences.types());
    named.forEach(n -> types.addAll(n.eventTypes()));
    this.eventTypes = Set.copyOf(types);
    this.emails = emails;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> eventTypes() {
    return eventTypes;
  }

  @Override
  public HandlerRetry retry() {
    return RETRY;
  }

  @Override
  public void handle(HandledEvent event) {
    Map<String, List<String>> channelsByMember = channelsByMember(event);
    if (channelsByMember.isEmpty()) {
      return; // nobody to notify: one read in all (most events of an organization without members)
    }
    String title = named.stream()
        .filter(n -> n.eventTypes().contains(event.type()))
        .flatMap(n -> n.title(event).stream())
        .findFirst()
        .orElseGet(() -> title(event.type(), event.entityId(), event.data()));
    notifications.create(
        new About(event.orgId(), event.id(), event.eventId(), event.type(), event.entityId(), title), channelsByMember);
    if (channelsByMember.values().stream().noneMatch(c -> c.contains(NotificationPreferences.EMAIL))) {
      return;
    }
    emails.start(event.orgId(), event.id());
  }

  /**
   * Each member to notify with its channels: the members the type's role defaults reach, then
   * those the capabilities name (see {@link NotificationRecipients}), oldest first.
   */
  private Map<String, List<String>> channelsByMember(HandledEvent event) {
    String type = event.type();
    Set<String> namedIds = new HashSet<>();
    named.stream().filter(n -> n.eventTypes().contains(type)).forEach(n -> namedIds.addAll(n.memberIds(event)));
    List<MemberStore.Role> byRole = preferences.notifies(type) ? members.roles(event.orgId()) : List.of();
    List<MemberStore.Role> byName = namedIds.isEmpty() ? List.of() : members.roles(event.orgId(), namedIds);
    if (byRole.isEmpty() && byName.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> own =
        choices.choicesFor(type, Stream.concat(byRole.stream(), byName.stream()).map(MemberStore.Role::memberId).toList());
    Map<String, List<String>> channelsByMember = new LinkedHashMap<>();
    for (MemberStore.Role member : byRole) {
      List<String> channels = preferences.channels(member.role(), type, own.get(member.memberId()));
      if (!channels.isEmpty()) {
        channelsByMember.put(member.memberId(), channels);
      }
    }
    for (MemberStore.Role member : byName) {
      List<String> choice = own.get(member.memberId());
      List<String> byDefault = preferences.channels(member.role(), type, null);
      List<String> channels =
          choice != null ? choice : byDefault.isEmpty() ? NotificationRecipients.CHANNELS : byDefault;
      if (!channels.isEmpty()) {
        channelsByMember.put(member.memberId(), channels);
      }
    }
    return channelsByMember;
  }

  /** A channel's status for the email capability's decision. */
  static String channelStatus(String emailState) {
    return switch (emailState) {
      case EmailState.SENT -> NotificationStore.SENT;
      case EmailState.FAILED -> NotificationStore.FAILED;
      default -> NotificationStore.SKIPPED; // suppressed, not allowed, erased: decided not to send
    };
  }

  /**
   * One line about the event, of ids and the event's own values (no names or addresses): shown
   * in the in-app list, the email and the digest.
   */
  static String title(String type, String entityId, JsonNode data) {
    Function<String, String> value = field -> data.path(field).asString(entityId == null ? "?" : entityId);
    return switch (type) {
      case "petition.completed" -> "Petition " + value.apply("petitionId") + " was completed";
      case "petition.closed" -> "Petition " + value.apply("petitionId") + " was closed";
      case "petition.replied" -> "A contact replied to petition " + value.apply("petitionId");
      case "comment.created" -> "New comment on petition " + value.apply("petitionId");
      case "signature.completed" -> "Signature request " + value.apply("signatureRequestId") + " was completed";
      case "signature.cancelled" -> "Signature request " + value.apply("signatureRequestId") + " was cancelled";
      case "document.expiring" ->
          "Document " + value.apply("documentId") + " (" + data.path("documentType").asString("document")
              + ") of contact " + data.path("contactId").asString("?") + " expires on "
              + data.path("expiresAt").asString("?") + " (" + data.path("urgency").asString("?") + ")";
      default -> type + (entityId == null ? "" : " " + entityId);
    };
  }
}
