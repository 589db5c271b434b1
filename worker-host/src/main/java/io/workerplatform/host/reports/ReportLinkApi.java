package io.workerplatform.host.reports;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.files.FileStorage;
import io.workerplatform.members.MemberStore;
import io.workerplatform.reports.ReportLinks;
import io.workerplatform.reports.ReportStore;
import io.workerplatform.reports.ReportStore.Report;
import java.io.IOException;
import java.time.Clock;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A report's signed link, as a member's email carries it: no key (members have none), the
 * signature authenticates it. A link that is not this platform's, names a member the report does
 * not (or no longer) name, or a report that does not exist answers the same 404; an expired one 410.
 */
@RestController
class ReportLinkApi {
  private final ReportStore store;
  private final ReportLinks links;
  private final MemberStore members;
  private final FileStorage storage;
  private final Clock clock;

  ReportLinkApi(ReportStore store, ReportLinks links, MemberStore members, FileStorage storage, Clock clock) {
    this.store = store;
    this.links = links;
    this.members = members;
    this.storage = storage;
    this.clock = clock;
  }

  @GetMapping(ReportLinks.PATH + "{id}")
  ResponseEntity<Resource> download(
      @PathVariable String id, @RequestParam(required = false) String member,
      @RequestParam(required = false) Long expires, @RequestParam(required = false) String signature)
      throws IOException {
    if (member == null || expires == null || !links.signed(id, member, expires, signature)) {
      throw notFound(id);
    }
    if (clock.instant().getEpochSecond() >= expires) {
      throw ReportDownloads.gone(id);
    }
    Report report = store.report(id).orElseThrow(() -> notFound(id));
    if (!report.recipientIds().contains(member) || members.find(report.orgId(), member).isEmpty()) {
      throw notFound(id);
    }
    return ReportDownloads.csv(storage, report);
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("report link", id);
  }
}
