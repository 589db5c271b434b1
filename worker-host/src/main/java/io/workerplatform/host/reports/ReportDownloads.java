package io.workerplatform.host.reports;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.GoneException;
import io.workerplatform.files.FileStorage;
import io.workerplatform.reports.ReportStore;
import io.workerplatform.reports.ReportStore.Report;
import java.io.IOException;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A report's CSV streamed from storage, for the API and the signed links alike. */
final class ReportDownloads {
  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private ReportDownloads() {}

  /** 200 with the file when ready; 410 once expired; 409 before it is built. */
  static ResponseEntity<Resource> csv(FileStorage storage, Report report) throws IOException {
    if (ReportStore.EXPIRED.equals(report.status())) {
      throw gone(report.id());
    }
    if (!ReportStore.READY.equals(report.status())) {
      throw new ConflictException("status", "report " + report.id() + " is " + report.status() + ", not READY");
    }
    String name = report.kind() + "-" + report.periodStart() + "-" + report.id() + ".csv";
    return ResponseEntity.ok()
        .contentType(CSV)
        .header("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString())
        .header("Cache-Control", "no-store")
        .contentLength(report.sizeBytes())
        .body(new InputStreamResource(storage.open(report.storageKey())));
  }

  static GoneException gone(String reportId) {
    return new GoneException("report " + reportId + " expired");
  }
}
