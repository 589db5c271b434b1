package io.workerplatform.host.reports;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.files.FileStorage;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.host.members.MemberIds;
import io.workerplatform.members.MemberStore;
import io.workerplatform.reporting.ReportSource;
import io.workerplatform.reports.ReportStore;
import io.workerplatform.reports.ReportStore.Report;
import io.workerplatform.reports.ReportStore.Schedule;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's report schedules (weekly or monthly, a kind, member recipients) and the
 * reports the cron job {@code scheduled-reports} built of them; a report's CSV with the key. Its
 * members download it through the signed link their email carries (/links/reports/...).
 */
@RestController
class ReportApi {
  static final int MAX_RECIPIENTS = 20;

  record ScheduleInput(String kind, String period, List<String> recipientIds) {}

  private final ReportStore store;
  private final MemberStore members;
  private final FileStorage storage;
  private final List<String> kinds;

  ReportApi(ReportStore store, MemberStore members, FileStorage storage, List<ReportSource> sources) {
    this.store = store;
    this.members = members;
    this.storage = storage;
    this.kinds = sources.stream().map(ReportSource::kind).sorted().toList();
  }

  @PostMapping("/api/orgs/{orgId}/report-schedules")
  ResponseEntity<Schedule> create(@PathVariable String orgId, @RequestBody ScheduleInput input) {
    String kind = Validation.requireText("kind", input.kind(), 50);
    if (!kinds.contains(kind)) {
      throw new BadRequestException("kind", "must be one of " + kinds);
    }
    String period = Validation.requireText("period", input.period(), 20);
    if (!ReportStore.PERIODS.contains(period)) {
      throw new BadRequestException("period", "must be one of " + ReportStore.PERIODS);
    }
    List<String> recipients = MemberIds.requireMembers(members, orgId, "recipientIds",
        Validation.requireList("recipientIds", input.recipientIds(), "member", MAX_RECIPIENTS));
    Schedule schedule = store.create(orgId, kind, period, recipients);
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/report-schedules/" + schedule.id())).body(schedule);
  }

  @GetMapping("/api/orgs/{orgId}/report-schedules")
  Page<Schedule> schedules(
      @PathVariable String orgId, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return store.list(orgId, Paging.limit(limit), Paging.after(cursor));
  }

  @GetMapping("/api/orgs/{orgId}/report-schedules/{id}")
  Schedule schedule(@PathVariable String orgId, @PathVariable String id) {
    return store.find(orgId, id).orElseThrow(() -> new NotFoundException("report schedule", id));
  }

  /** No more reports; those built stay until they expire. */
  @DeleteMapping("/api/orgs/{orgId}/report-schedules/{id}")
  ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String id) {
    if (!store.delete(orgId, id)) {
      throw new NotFoundException("report schedule", id);
    }
    return ResponseEntity.noContent().build();
  }

  /** {@code ?scheduleId=&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/reports")
  Page<Report> reports(
      @PathVariable String orgId, @RequestParam(required = false) String scheduleId,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    String schedule = scheduleId == null ? null : Validation.requireId("scheduleId", scheduleId);
    return store.reports(orgId, schedule, Paging.limit(limit), Paging.after(cursor));
  }

  @GetMapping("/api/orgs/{orgId}/reports/{id}")
  Report report(@PathVariable String orgId, @PathVariable String id) {
    return store.report(orgId, id).orElseThrow(() -> new NotFoundException("report", id));
  }

  @GetMapping("/api/orgs/{orgId}/reports/{id}/download")
  ResponseEntity<Resource> download(@PathVariable String orgId, @PathVariable String id) throws IOException {
    return ReportDownloads.csv(storage, report(orgId, id));
  }
}
