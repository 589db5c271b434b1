package io.workerplatform.compliance;

import io.workerplatform.events.HandledEvent;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationRecipients;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Who {@code compliance.level.changed} notifies: admins and compliance officers; by email the {@code compliance-alert}. */
public final class ComplianceRecipients implements NotificationRecipients {
  static final Set<String> ROLES = Set.of("ADMIN", "COMPLIANCE");
  public static final String TEMPLATE = "compliance-alert";

  private final MemberStore members;

  public ComplianceRecipients(MemberStore members) {
    this.members = members;
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of(ComplianceRefresh.LEVEL_CHANGED);
  }

  @Override
  public Set<String> memberIds(HandledEvent event) {
    return members.roles(event.orgId()).stream()
        .filter(m -> ROLES.contains(m.role()))
        .map(MemberStore.Role::memberId)
        .collect(Collectors.toSet());
  }

  /** "Compliance level RED (score 35, was GREEN): run cmp_...". */
  @Override
  public Optional<String> title(HandledEvent event) {
    var data = event.data();
    return Optional.of("Compliance level " + data.path("level").asString("?") + " (score "
        + data.path("score").asInt(0) + ", was " + data.path("previousLevel").asString("?") + "): run "
        + data.path("runId").asString("?"));
  }

  @Override
  public Optional<String> emailTemplate(String eventType) {
    return Optional.of(TEMPLATE);
  }
}
