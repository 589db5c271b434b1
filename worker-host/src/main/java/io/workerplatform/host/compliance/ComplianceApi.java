package io.workerplatform.host.compliance;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.compliance.ComplianceRefreshWorkflow;
import io.workerplatform.compliance.ComplianceSource.Requirements;
import io.workerplatform.compliance.ComplianceStore;
import io.workerplatform.compliance.ComplianceStore.Run;
import io.workerplatform.compliance.ComplianceStore.Started;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.StartAfterCommit;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.starters.ComplianceRefreshes;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An organization's compliance: its requirements, its latest score, the earlier ones, a refresh now. */
@RestController
class ComplianceApi {
  static final int MAX_KINDS = 50;
  static final Pattern KIND = Pattern.compile("[A-Za-z0-9_ -]{1,50}");

  /** The latest score: what cost points and what to do, ids and kinds only. */
  record Compliance(
      String runId, int score, String level, List<Map<String, Object>> issues, List<String> recommendations,
      Map<String, Long> counts, Instant computedAt) {}

  record RequirementsInput(List<String> profileDocumentKinds, List<String> contactDocumentKinds) {}

  /** {@code running}: a refresh was running already, and this is it. */
  record RefreshAccepted(String runId, String status, boolean running, String workflowId, String start) {}

  private final ComplianceStore store;
  private final ComplianceRefreshes refreshes;
  private final OutboxSource outbox;

  ComplianceApi(ComplianceStore store, ComplianceRefreshes refreshes,
      @Qualifier("complianceOutbox") OutboxSource outbox) {
    this.store = store;
    this.refreshes = refreshes;
    this.outbox = outbox;
  }

  /** 404 until a first run completed. */
  @GetMapping("/api/orgs/{orgId}/compliance")
  Compliance latest(@PathVariable String orgId) {
    Run run = store.latest(orgId).orElseThrow(() -> new NotFoundException("compliance score", orgId));
    return new Compliance(run.id(), run.score(), run.level(), run.issues(), run.recommendations(), run.counts(),
        run.computedAt());
  }

  /** Every run, newest first ({@code ?limit=&cursor=}): completed, failed and running. */
  @GetMapping("/api/orgs/{orgId}/compliance/history")
  Page<Run> history(@PathVariable String orgId, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return store.history(orgId, Paging.limit(limit), Paging.after(cursor));
  }

  @GetMapping("/api/orgs/{orgId}/compliance/runs/{runId}")
  Run run(@PathVariable String orgId, @PathVariable String runId) {
    return store.find(orgId, runId).orElseThrow(() -> new NotFoundException("compliance run", runId));
  }

  @GetMapping("/api/orgs/{orgId}/compliance/requirements")
  Requirements requirements(@PathVariable String orgId) {
    return store.requirements(orgId);
  }

  /** Replaces the requirements; the next refresh scores by them. */
  @PutMapping("/api/orgs/{orgId}/compliance/requirements")
  Requirements setRequirements(@PathVariable String orgId, @RequestBody RequirementsInput input) {
    return store.setRequirements(orgId, new Requirements(
        kinds("profileDocumentKinds", input.profileDocumentKinds()),
        kinds("contactDocumentKinds", input.contactDocumentKinds())));
  }

  /**
   * Scores the organization now, ahead of the nightly queue: 202 with the run's id; while one
   * runs, that one ({@code "running": true}).
   */
  @PostMapping("/api/orgs/{orgId}/compliance/refresh")
  ResponseEntity<RefreshAccepted> refresh(@PathVariable String orgId) {
    Started started = store.start(orgId, "MANUAL");
    Run run = started.run();
    String start = started.created()
        ? StartAfterCommit.start("Compliance refresh", run.id(),
            () -> refreshes.start(orgId, run.id()), () -> outbox.markStarted(run.id()))
        : StartAfterCommit.STARTED;
    return ResponseEntity.accepted()
        .location(URI.create("/api/orgs/" + orgId + "/compliance/runs/" + run.id()))
        .body(new RefreshAccepted(run.id(), run.status(), !started.created(),
            ComplianceRefreshWorkflow.workflowId(run.id()), start));
  }

  private static List<String> kinds(String field, List<String> given) {
    if (given == null) {
      return List.of();
    }
    if (given.size() > MAX_KINDS) {
      throw new BadRequestException(field, "holds more than " + MAX_KINDS + " kinds");
    }
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String kind = given.get(i);
      if (kind == null || !KIND.matcher(kind.strip()).matches()) {
        throw new BadRequestException(field + "[" + i + "]", "must be 1 to 50 letters, digits, spaces, '_' or '-'");
      }
      if (!kinds.contains(kind.strip())) {
        kinds.add(kind.strip());
      }
    }
    return kinds;
  }
}
