package io.workerplatform.filings;

import io.workerplatform.events.HandledEvent;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationRecipients;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Who {@code filing.due} notifies: the organization's admins, managers, tax preparers and
 * compliance officers, and the filing's assignees whatever their role; its email is the {@code
 * filing-reminder} template.
 */
public final class FilingRecipients implements NotificationRecipients {
  static final Set<String> ROLES = Set.of("ADMIN", "MANAGER", "TAX_PREPARER", "COMPLIANCE");
  public static final String TEMPLATE = "filing-reminder";

  private final DSLContext dsl;
  private final MemberStore members;

  public FilingRecipients(DSLContext dsl, MemberStore members) {
    this.dsl = dsl;
    this.members = members;
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of(FilingDeadlines.EVENT_TYPE);
  }

  @Override
  public Set<String> memberIds(HandledEvent event) {
    Set<String> ids = new HashSet<>();
    members.roles(event.orgId()).stream().filter(m -> ROLES.contains(m.role())).forEach(m -> ids.add(m.memberId()));
    ids.addAll(FilingStore.assigneesOf(dsl, event.orgId(), event.data().path("filingId").asString("")));
    return ids;
  }

  /** "Filing fil_1 (VAT) is due on 2027-01-10 (URGENT)": the filing, its kind, date and urgency. */
  @Override
  public Optional<String> title(HandledEvent event) {
    var data = event.data();
    return Optional.of("Filing " + data.path("filingId").asString("?") + " (" + data.path("kind").asString("?")
        + ") is due on " + data.path("dueDate").asString("?") + " (" + data.path("urgency").asString("?") + ")");
  }

  @Override
  public Optional<String> emailTemplate(String eventType) {
    return Optional.of(TEMPLATE);
  }
}
