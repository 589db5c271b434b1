package io.workerplatform.host.work;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.work.WorkKind;
import io.workerplatform.work.WorkViews;
import io.workerplatform.work.WorkViews.Filter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/**
 * The work views: per registered kind of work, an organization's rows by status and creation time
 * (the list behind a queue's stats), and the counts by status, per organization or across them,
 * with their filters checked. What the capabilities' list routes, the stats and the console call.
 */
@Service
public class WorkQueries {
  private final WorkViews views;
  private final OrganizationStore organizations;

  private final Clock clock;

  WorkQueries(WorkViews views, OrganizationStore organizations, Clock clock) {
    this.views = views;
    this.organizations = organizations;
    this.clock = clock;
  }

  /** Every registered kind of work, in order: what the console shows. */
  public List<WorkKind<?>> kinds() {
    return views.kinds();
  }

  /** The statuses a list's filter offers (the list by its path segment, as in the API). */
  public List<String> statuses(String path) {
    return views.kind(path).map(WorkKind::statuses).orElse(List.of());
  }

  /** One page of a kind's list: {@code ?status=&since=&until=&limit=&cursor=}. */
  public <T> Page<T> list(
      WorkKind<T> kind, String orgId, String status, String since, String until, Integer limit, String cursor) {
    return list(kind, orgId, DSL.noCondition(), status, since, until, limit, cursor);
  }

  /** The same, narrowed by a condition of the kind's own (an event's type, say). */
  public <T> Page<T> list(
      WorkKind<T> kind, String orgId, Condition narrowed, String status, String since, String until, Integer limit,
      String cursor) {
    Filter filter = filter(kind, status, since, until);
    int checkedLimit = Paging.limit(limit);
    Optional<Page.After> after = Paging.after(cursor);
    requireOrganization(orgId);
    return views.list(kind, orgId, filter, narrowed, checkedLimit, after);
  }

  /** One page of the list at {@code path} (the console's lists); unknown paths are not found. */
  public Page<?> list(String path, String orgId, String status, String since, Integer limit, String cursor) {
    WorkKind<?> kind =
        views.kind(path).filter(WorkKind::perOrganization).orElseThrow(() -> new NotFoundException("page", path));
    return list(kind, orgId, status, since, null, limit, cursor);
  }

  /**
   * Counts by status of every kind of work of the organization (every known status present), and
   * its work waiting, running, completed and failed in the last hour and day.
   */
  public Map<String, Map<String, Long>> stats(String orgId) {
    requireOrganization(orgId);
    return views.counts(orgId, clock.instant());
  }

  /** Admin only (the security rules): the same counts across every organization. */
  public Map<String, Map<String, Long>> allStats() {
    return views.counts(null, clock.instant());
  }

  /** The filters of a list, checked: a status the kind knows, instants in ISO-8601. */
  static Filter filter(WorkKind<?> kind, String status, String since, String until) {
    Optional<String> checkedStatus = Optional.ofNullable(status).filter(s -> !s.isBlank());
    if (checkedStatus.isPresent() && !kind.statuses().contains(checkedStatus.get())) {
      throw new BadRequestException("status", "must be one of " + kind.statuses());
    }
    return new Filter(checkedStatus, Optional.ofNullable(Validation.instantOrNull("since", since)),
        Optional.ofNullable(Validation.instantOrNull("until", until)));
  }

  private void requireOrganization(String orgId) {
    if (organizations.find(orgId).isEmpty()) {
      throw new NotFoundException("organization", orgId);
    }
  }
}
