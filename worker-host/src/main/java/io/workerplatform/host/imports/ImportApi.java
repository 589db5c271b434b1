package io.workerplatform.host.imports;

import io.workerplatform.common.CsvFields;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.StartAfterCommit;
import io.workerplatform.host.api.StreamedParts;
import io.workerplatform.host.api.StreamedParts.Part;
import io.workerplatform.host.api.Validation;
import io.workerplatform.host.idempotency.IdempotencyKeys;
import io.workerplatform.host.imports.ImportRequests.ImportView;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.host.work.WorkQueries;
import io.workerplatform.imports.ImportStore;
import io.workerplatform.imports.ImportStore.Import;
import io.workerplatform.imports.ImportStore.RowError;
import io.workerplatform.imports.ImportUploads;
import io.workerplatform.imports.ImportUploads.Created;
import io.workerplatform.imports.ImportUploads.KeyReused;
import io.workerplatform.imports.ImportUploads.Replayed;
import io.workerplatform.imports.ImportWork;
import io.workerplatform.imports.ImportWorkflow;
import io.workerplatform.starters.Imports;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports (the old {@code worker:tasks} imports): a CSV of contacts or profiles uploaded as
 * {@code multipart/form-data} (parts {@code kind} and {@code file}), read from the request's
 * stream straight into the file storage, then imported by the workflow {@code import/<id>},
 * steered like a bulk send. The route takes its {@code Idempotency-Key} itself: the platform's
 * filter does not buffer multipart bodies.
 */
@RestController
class ImportApi {
  static final String IDEMPOTENCY_KEY = IdempotencyKeys.HEADER;
  /** A part's headers and boundaries beside the file: what a body may carry beyond the file's limit. */
  private static final long MULTIPART_OVERHEAD = 64 * 1024;
  private static final int ERRORS_PER_QUERY = 5_000;

  /** {@code start}: {@code STARTED}, or {@code WAITING_TO_START} when the relay will start it. */
  record ImportCreated(String id, String status, String kind, long sizeBytes, String workflowId, String start) {}

  private final ImportUploads uploads;
  private final ImportStore store;
  private final ImportRequests requests;
  private final Imports imports;
  private final OutboxSource outbox;
  private final WorkQueries work;

  ImportApi(ImportUploads uploads, ImportStore store, ImportRequests requests, Imports imports,
      @Qualifier("importOutbox") OutboxSource outbox, WorkQueries work) {
    this.uploads = uploads;
    this.store = store;
    this.requests = requests;
    this.imports = imports;
    this.outbox = outbox;
    this.work = work;
  }

  /** The upload's parts, for the API's document (the route reads them from the stream itself). */
  record ImportUpload(
      @Schema(description = "contacts or profiles", requiredMode = RequiredMode.REQUIRED) String kind,
      @Schema(type = "string", format = "binary", description = "UTF-8 CSV with a header row",
          requiredMode = RequiredMode.REQUIRED) String file) {}

  @PostMapping(path = "/api/orgs/{orgId}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
      schema = @Schema(implementation = ImportUpload.class)))
  ResponseEntity<ImportCreated> create(
      @PathVariable String orgId, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
      HttpServletRequest request) throws IOException {
    if (key != null && !IdempotencyKeys.isValid(key)) {
      throw new BadRequestException(IDEMPOTENCY_KEY, IdempotencyKeys.RULE);
    }
    if (request.getContentLengthLong() > uploads.maxBytes() + MULTIPART_OVERHEAD) {
      throw tooLarge();
    }
    String kind = null;
    ImportStore.Upload upload = null;
    try {
      StreamedParts parts = StreamedParts.of(request.getContentType(), request.getInputStream());
      for (Part part = parts.next(); part != null; part = parts.next()) {
        if ("kind".equals(part.name())) {
          kind = part.text(64);
        } else if ("file".equals(part.name())) {
          if (upload != null) {
            throw new BadRequestException("file", "is given twice; an import reads one file");
          }
          upload = uploads.store(orgId, fileName(part.fileName()), part.content());
        }
      }
      if (upload == null) {
        throw new BadRequestException("file", "is required (a multipart part named \"file\")");
      }
      if (kind == null || kind.isEmpty()) {
        throw new BadRequestException("kind", "is required: one of " + String.join(", ", uploads.kinds()));
      }
    } catch (ImportUploads.TooLargeException e) {
      throw tooLarge();
    } catch (RuntimeException | IOException e) {
      if (upload != null) {
        uploads.discard(upload);
      }
      throw e;
    }
    return switch (uploads.create(orgId, kind, upload, key)) {
      case Created c -> {
        Import created = c.created();
        String start = StartAfterCommit.start("Import", created.id(),
            () -> imports.start(orgId, created.id()), () -> outbox.markStarted(created.id()));
        yield accepted(orgId, created, start, false);
      }
      case Replayed r -> accepted(orgId, r.existing(), StartAfterCommit.STARTED, true);
      case KeyReused reused -> throw problem(HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY,
          "was used for another upload (import " + reused.existing().id() + "); use a new key for a new file");
    };
  }

  private static ResponseEntity<ImportCreated> accepted(String orgId, Import i, String start, boolean replayed) {
    var answer = ResponseEntity.accepted().location(URI.create("/api/orgs/" + orgId + "/imports/" + i.id()));
    if (replayed) {
      answer.header("Idempotent-Replayed", "true");
    }
    return answer.body(
        new ImportCreated(i.id(), i.status(), i.kind(), i.sizeBytes(), ImportWorkflow.workflowId(i.id()), start));
  }

  private ErrorResponseException tooLarge() {
    ErrorResponseException e = problem(HttpStatus.CONTENT_TOO_LARGE, "file",
        "is larger than " + uploads.maxBytes() + " bytes (platform.imports.max-file-size)");
    e.getBody().setProperty("maxBytes", uploads.maxBytes());
    return e;
  }

  private static ErrorResponseException problem(HttpStatus status, String field, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field + " " + detail);
    problem.setProperty("field", field);
    return new ErrorResponseException(status, problem, null);
  }

  /** The client's file name without any path it carried. */
  private static String fileName(String given) {
    if (given == null || given.isBlank()) {
      return "import.csv";
    }
    String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1).strip();
    return name.isEmpty() ? "import.csv" : Validation.maxLength("file", name, 255);
  }

  /** Live counters from the running workflow; the stored ones once it ended or if Temporal is down. */
  @GetMapping("/api/orgs/{orgId}/imports/{id}")
  ImportView get(@PathVariable String orgId, @PathVariable String id) {
    return requests.view(orgId, id);
  }

  /** The organization's imports as stored: {@code ?status=&since=&until=&limit=&cursor=}, newest first. */
  @GetMapping("/api/orgs/{orgId}/imports")
  Page<ImportWork.Import> list(
      @PathVariable String orgId, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    return work.list(ImportWork.KIND, orgId, status, since, until, limit, cursor);
  }

  /** The rows it could not take, as CSV {@code line,column,reason} in line order (the header is line 1). */
  @GetMapping(path = "/api/orgs/{orgId}/imports/{id}/errors", produces = "text/csv")
  void errors(@PathVariable String orgId, @PathVariable String id, HttpServletResponse response) throws IOException {
    requests.find(orgId, id);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + id + "-errors.csv\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    out.write("line,column,reason\r\n");
    int after = 0;
    List<RowError> page;
    do {
      page = store.errors(id, after, ERRORS_PER_QUERY);
      for (RowError error : page) {
        out.write(error.line() + "," + CsvFields.field(error.column()) + "," + CsvFields.field(error.reason()) + "\r\n");
        after = error.line();
      }
    } while (page.size() == ERRORS_PER_QUERY);
    out.flush();
  }

  @PostMapping("/api/orgs/{orgId}/imports/{id}/pause")
  ResponseEntity<Void> pause(@PathVariable String orgId, @PathVariable String id) {
    requests.pause(orgId, id);
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/api/orgs/{orgId}/imports/{id}/resume")
  ResponseEntity<Void> resume(@PathVariable String orgId, @PathVariable String id) {
    requests.resume(orgId, id);
    return ResponseEntity.accepted().build();
  }

  @PostMapping("/api/orgs/{orgId}/imports/{id}/cancel")
  ResponseEntity<Void> cancel(@PathVariable String orgId, @PathVariable String id) {
    requests.cancel(orgId, id);
    return ResponseEntity.accepted().build();
  }
}
