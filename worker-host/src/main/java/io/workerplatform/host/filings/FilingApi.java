package io.workerplatform.host.filings;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.expiring.ExpiringProperties;
import io.workerplatform.filings.FilingStore;
import io.workerplatform.filings.FilingStore.Fields;
import io.workerplatform.filings.FilingStore.Filing;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.host.members.MemberIds;
import io.workerplatform.members.MemberStore;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An organization's filings, and their reminders run now for the organization. */
@RestController
class FilingApi {
  static final int MAX_ASSIGNEES = 50;
  /** A kind is a category (VAT, CORPORATE_TAX), never free text: it goes into events. */
  static final Pattern KIND = Pattern.compile("[A-Za-z0-9_-]{1,50}");

  record FilingInput(String title, String kind, String dueDate, String status, List<String> assigneeIds) {}

  record RemindersRun(String orgId, int published) {}

  private final FilingStore filings;
  private final ExpiringProperties reminders;
  private final MemberStore members;
  private final Clock clock;

  FilingApi(FilingStore filings, @Qualifier("filingReminders") ExpiringProperties reminders, MemberStore members,
      Clock clock) {
    this.filings = filings;
    this.reminders = reminders;
    this.members = members;
    this.clock = clock;
  }

  @PostMapping("/api/orgs/{orgId}/filings")
  ResponseEntity<Filing> create(@PathVariable String orgId, @RequestBody FilingInput input) {
    Fields fields = new Fields(
        Validation.requireText("title", input.title(), Validation.MAX_TEXT_LENGTH),
        kind(Validation.requireText("kind", input.kind(), 50)),
        Validation.requireDate("dueDate", input.dueDate()),
        status(input.status()),
        assignees(orgId, input.assigneeIds()));
    Filing filing = filings.create(orgId, fields);
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/filings/" + filing.id())).body(filing);
  }

  /** {@code ?status=DRAFT|PREPARED|FILED&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/filings")
  Page<Filing> list(@PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return filings.list(orgId, status(status), Paging.limit(limit), Paging.after(cursor));
  }

  @GetMapping("/api/orgs/{orgId}/filings/{id}")
  Filing get(@PathVariable String orgId, @PathVariable String id) {
    return filings.find(orgId, id).orElseThrow(() -> new NotFoundException("filing", id));
  }

  /** Sets the fields given; a new {@code dueDate} starts its reminders afresh. */
  @PatchMapping("/api/orgs/{orgId}/filings/{id}")
  Filing update(@PathVariable String orgId, @PathVariable String id, @RequestBody FilingInput input) {
    Fields fields = new Fields(
        Validation.maxLength("title", blankToNull("title", input.title()), Validation.MAX_TEXT_LENGTH),
        input.kind() == null ? null : kind(input.kind()),
        input.dueDate() == null ? null : Validation.requireDate("dueDate", input.dueDate()),
        status(input.status()),
        input.assigneeIds() == null ? null : assignees(orgId, input.assigneeIds()));
    return filings.update(orgId, id, fields).orElseThrow(() -> new NotFoundException("filing", id));
  }

  @DeleteMapping("/api/orgs/{orgId}/filings/{id}")
  ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String id) {
    if (!filings.delete(orgId, id)) {
      throw new NotFoundException("filing", id);
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * The organization's reminders now, as {@code filing-reminders} sends them at 08:00 local: the
   * thresholds due today are published, each once (run again, nothing new).
   */
  @PostMapping("/api/orgs/{orgId}/filings/reminders/run")
  RemindersRun runReminders(@PathVariable String orgId) {
    int published = reminders.runOrganization(orgId, clock.instant())
        .orElseThrow(() -> new NotFoundException("organization", orgId));
    return new RemindersRun(orgId, published);
  }

  private static String blankToNull(String field, String value) {
    if (value != null && value.isBlank()) {
      throw new BadRequestException(field, "must not be blank");
    }
    return value;
  }

  private static String kind(String kind) {
    if (!KIND.matcher(kind).matches()) {
      throw new BadRequestException("kind", "must be 1 to 50 letters, digits, '_' or '-' (a category such as VAT)");
    }
    return kind;
  }

  private static String status(String status) {
    if (status != null && !FilingStore.STATUSES.contains(status)) {
      throw new BadRequestException("status", "must be one of " + String.join(", ", FilingStore.STATUSES));
    }
    return status;
  }

  private List<String> assignees(String orgId, List<String> ids) {
    if (ids == null) {
      return List.of();
    }
    if (ids.size() > MAX_ASSIGNEES) {
      throw new BadRequestException("assigneeIds", "holds more than " + MAX_ASSIGNEES + " members");
    }
    return MemberIds.requireMembers(members, orgId, "assigneeIds", ids);
  }
}
