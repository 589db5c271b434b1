package io.workerplatform.host.work;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.org.OrganizationStore;
import io.workerplatform.work.WorkViews;
import io.workerplatform.work.WorkViews.Filter;
import io.workerplatform.work.WorkViews.Kind;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The work views: per kind of work, an organization's rows by status and creation time (the list
 * behind a queue's stats), and the counts by status, per organization or across them, with their
 * filters checked. What the REST API and the console both call.
 */
@Service
public class WorkQueries {
  /** The kinds of work by the path segment of their list. */
  private static final Map<String, Kind<?>> BY_PATH =
      Map.of(
          "events", WorkViews.EVENTS_KIND,
          "webhook-deliveries", WorkViews.DELIVERIES,
          "bulk-sends", WorkViews.BULK_SENDS_KIND,
          "signature-requests", WorkViews.SIGNATURE_REQUESTS_KIND,
          "exports", WorkViews.EXPORTS_KIND,
          "erasures", WorkViews.ERASURES_KIND);

  /** The statuses a list's filter offers (the list by its path segment, as in the API). */
  public static java.util.List<String> statuses(String path) {
    Kind<?> kind = BY_PATH.get(path);
    return kind == null ? java.util.List.of() : kind.statuses();
  }

  private final WorkViews views;
  private final OrganizationStore organizations;

  WorkQueries(WorkViews views, OrganizationStore organizations) {
    this.views = views;
    this.organizations = organizations;
  }

  /** Also by type: {@code ?type=petition.completed}. */
  public Page<WorkViews.Event> events(
      String orgId, String type,
      String status,
      String since, String until,
      Integer limit, String cursor) {
    Filter filter = filter(WorkViews.EVENTS_KIND, status, since, until);
    Condition ofType =
        type == null || type.isBlank()
            ? DSL.noCondition()
            : DOMAIN_EVENTS.TYPE.eq(Validation.requireEventType("type", type));
    requireOrganization(orgId);
    return views.list(WorkViews.EVENTS_KIND, orgId, filter, ofType, Paging.limit(limit), Paging.after(cursor));
  }

  public Page<WorkViews.Delivery> deliveries(
      String orgId, String status,
      String since, String until,
      Integer limit, String cursor) {
    return list(WorkViews.DELIVERIES, orgId, status, since, until, limit, cursor);
  }

  public Page<WorkViews.BulkSend> bulkSends(
      String orgId, String status,
      String since, String until,
      Integer limit, String cursor) {
    return list(WorkViews.BULK_SENDS_KIND, orgId, status, since, until, limit, cursor);
  }

  public Page<WorkViews.SignatureRequest> signatureRequests(
      String orgId, String status,
      String since, String until,
      Integer limit, String cursor) {
    return list(WorkViews.SIGNATURE_REQUESTS_KIND, orgId, status, since, until, limit, cursor);
  }

  public Page<WorkViews.Export> exports(
      String orgId, String status,
      String since, String until,
      Integer limit, String cursor) {
    return list(WorkViews.EXPORTS_KIND, orgId, status, since, until, limit, cursor);
  }

  public Page<WorkViews.Erasure> erasures(
      String orgId, String status,
      String since, String until,
      Integer limit, String cursor) {
    return list(WorkViews.ERASURES_KIND, orgId, status, since, until, limit, cursor);
  }

  /** Counts by status of every kind of work of the organization; every known status is present. */
  public Map<String, Map<String, Long>> stats(String orgId) {
    requireOrganization(orgId);
    return views.counts(orgId);
  }

  /** Admin only (the security rules): the same counts across every organization. */
  public Map<String, Map<String, Long>> allStats() {
    return views.counts(null);
  }

  private <T> Page<T> list(
      Kind<T> kind, String orgId, String status, String since, String until, Integer limit, String cursor) {
    Filter filter = filter(kind, status, since, until);
    int checkedLimit = Paging.limit(limit);
    Optional<Page.After> after = Paging.after(cursor);
    requireOrganization(orgId);
    return views.list(kind, orgId, filter, checkedLimit, after);
  }

  /** The filters of a list, checked: a status the kind knows, instants in ISO-8601. */
  static Filter filter(Kind<?> kind, String status, String since, String until) {
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
