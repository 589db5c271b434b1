package io.workerplatform.notifications;

import io.workerplatform.events.HandledEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Members that a capability's events concern whatever their role (a filing's assignees, a
 * request's owner): found as beans, they are notified of those events beside the members that
 * the type's role defaults reach. A named member gets its own choice of channels for the type, else
 * its role's default, else {@link #CHANNELS}; a name that is not a live member of the event's
 * organization is ignored. The capability also words its events' notifications ({@link #title}).
 */
public interface NotificationRecipients {
  /** The channels of a named member without a choice of its own or a default of its role. */
  List<String> CHANNELS = List.of(NotificationPreferences.IN_APP, NotificationPreferences.EMAIL);

  /** The event types whose events this names members for (they become notifying types). */
  Set<String> eventTypes();

  /** The ids of the members {@code event} concerns: read in the event's processing, a statement or two. */
  Set<String> memberIds(HandledEvent event);

  /**
   * The notification's one line about {@code event}, of ids and the event's own values (never
   * names or addresses); empty for the platform's default ({@code <type> <entity id>}).
   */
  default Optional<String> title(HandledEvent event) {
    return Optional.empty();
  }

  /**
   * The email template of the notifications of {@code eventType} (one of {@link #eventTypes()}),
   * rendered with the context {@code title}, {@code eventType}, {@code eventId} and {@code
   * entityId}; empty for the platform's {@code member-notification}.
   */
  default Optional<String> emailTemplate(String eventType) {
    return Optional.empty();
  }
}
