package io.workerplatform.profiles;

import io.workerplatform.events.HandledEvent;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationRecipients;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The KYC capabilities' notifications: each of their event types reaches the organization's
 * members of the roles it names (a compliance team: {@code COMPLIANCE} and {@code ADMIN}), under
 * the title the capability words from the event's ids and values.
 */
public final class RoleRecipients implements NotificationRecipients {
  /** A notifying type: the roles it reaches and its title. */
  public record Audience(Set<String> roles, Function<HandledEvent, String> title) {}

  private final MemberStore members;
  private final Map<String, Audience> byType;

  public RoleRecipients(MemberStore members, Map<String, Audience> byType) {
    this.members = members;
    this.byType = Map.copyOf(byType);
  }

  @Override
  public Set<String> eventTypes() {
    return byType.keySet();
  }

  @Override
  public Set<String> memberIds(HandledEvent event) {
    Set<String> roles = byType.get(event.type()).roles();
    return members.roles(event.orgId()).stream()
        .filter(m -> roles.contains(m.role()))
        .map(MemberStore.Role::memberId)
        .collect(Collectors.toSet());
  }

  @Override
  public Optional<String> title(HandledEvent event) {
    return Optional.of(byType.get(event.type()).title().apply(event));
  }

  /** {@code profile.property.expiring}: as contacts' documents, to admins, managers and compliance officers. */
  public static Map<String, Audience> profiles() {
    return Map.of(ExpiringProfileProperties.EVENT_TYPE, new Audience(
        Set.of("ADMIN", "MANAGER", "COMPLIANCE"),
        e -> "Property " + e.data().path("propertyId").asString("?") + " (" + e.data().path("propertyKind").asString("?")
            + ") of profile " + e.data().path("profileId").asString("?") + " expires on "
            + e.data().path("expiresAt").asString("?") + " (" + e.data().path("urgency").asString("?") + ")"));
  }
}
