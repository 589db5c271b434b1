package io.workerplatform.host.audit;

import io.workerplatform.audit.AuditStore;
import io.workerplatform.audit.AuditStore.Entry;
import io.workerplatform.audit.AuditStore.Filter;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.organizations.OrganizationStore;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's audit log: what the platform and its users did (erasures, anonymizer batches,
 * events, released ordering keys), newest first, filtered by {@code action}, {@code entityType},
 * {@code actor} and a time range ({@code since}, {@code until}), in pages ({@code limit},
 * {@code cursor}).
 */
@RestController
class AuditApi {
  /** Actions, entity types and actors are short names of the code's own. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  private final AuditStore store;
  private final OrganizationStore organizations;

  AuditApi(AuditStore store, OrganizationStore organizations) {
    this.store = store;
    this.organizations = organizations;
  }

  @GetMapping("/api/orgs/{orgId}/audit-log")
  Page<Entry> list(
      @PathVariable String orgId, @RequestParam(required = false) String action,
      @RequestParam(required = false) String entityType, @RequestParam(required = false) String actor,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    Filter filter = new Filter(
        name("action", action), name("entityType", entityType), name("actor", actor),
        Optional.ofNullable(Validation.instantOrNull("since", since)),
        Optional.ofNullable(Validation.instantOrNull("until", until)));
    int checkedLimit = Paging.limit(limit);
    Optional<Page.After> after = Paging.after(cursor);
    if (after.isPresent() && !after.get().id().matches("\\d{1,18}")) {
      throw new BadRequestException("cursor", "is not a cursor this list handed out");
    }
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
    return store.list(orgId, filter, checkedLimit, after);
  }

  private static Optional<String> name(String field, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (!NAME.matcher(value).matches()) {
      throw new BadRequestException(field, "must be 1 to 100 letters, digits or . _ : -");
    }
    return Optional.of(value);
  }
}
