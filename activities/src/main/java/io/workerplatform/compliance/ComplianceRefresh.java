package io.workerplatform.compliance;

import io.workerplatform.compliance.ComplianceSource.Finding;
import io.workerplatform.compliance.ComplianceSource.Requirements;
import io.workerplatform.compliance.ComplianceStore.Run;
import io.workerplatform.compliance.ComplianceStore.Started;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.organizations.OrganizationStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes an organization's compliance run: every {@link ComplianceSource}'s findings under the
 * organization's requirements, on its local date, scored by the configured weights. A level worse
 * than the last completed run's publishes {@code compliance.level.changed} (event id {@code
 * compliance-level-changed-<run>}: a retried run publishes it once).
 */
public class ComplianceRefresh {
  public static final String LEVEL_CHANGED = "compliance.level.changed";

  private final ComplianceStore store;
  private final DSLContext dsl;
  private final List<ComplianceSource> sources;
  private final ComplianceScore.Weights weights;
  private final PlatformEvents events;
  private final JsonMapper json;
  private final Clock clock;

  public ComplianceRefresh(
      ComplianceStore store, DSLContext dsl, List<ComplianceSource> sources, ComplianceScore.Weights weights,
      PlatformEvents events, JsonMapper json, Clock clock) {
    this.store = store;
    this.dsl = dsl;
    this.sources = List.copyOf(sources);
    this.weights = weights;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /** The run is not the organization's. */
  public static final class UnknownRunException extends RuntimeException {
    UnknownRunException(String runId) {
      super("compliance run " + runId + " does not exist");
    }
  }

  /** Computes the run if it is still running; returns it as it stands. */
  public Run compute(String orgId, String runId) {
    Run run = store.find(orgId, runId).orElseThrow(() -> new UnknownRunException(runId));
    if (!ComplianceStore.RUNNING.equals(run.status())) {
      return run;
    }
    ComplianceScore score = score(orgId);
    String previous = store.latestBefore(orgId, runId).map(Run::level).orElse(null);
    if (ComplianceScore.worsened(previous, score.level())) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("runId", runId);
      data.put("level", score.level());
      data.put("previousLevel", previous == null ? "GREEN" : previous);
      data.put("score", score.score());
      // stored once under its id, before the run completes: a retry publishes nothing twice
      events.publish(new NewEvent(orgId, "compliance-level-changed-" + runId, LEVEL_CHANGED,
          json.writeValueAsString(data), runId, null, null, null));
    }
    store.complete(orgId, runId, score);
    return store.find(orgId, runId).orElseThrow();
  }

  /** The organization's score now, from every source. */
  ComplianceScore score(String orgId) {
    Requirements requirements = store.requirements(orgId);
    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(OrganizationStore.zone(dsl, orgId).orElse("UTC"))));
    List<Finding> findings = new ArrayList<>();
    sources.forEach(source -> findings.addAll(source.findings(dsl, orgId, requirements, today)));
    return ComplianceScore.of(findings, weights);
  }

  /**
   * The nightly run of one organization: a new run computed now; nothing when one is running
   * already (a refresh asked for meanwhile computes it). A failure ends the run {@code FAILED}
   * and is thrown, for the job to record.
   */
  public Run nightly(String orgId) {
    Started started = store.start(orgId, "NIGHTLY");
    if (!started.created()) {
      return started.run();
    }
    try {
      return compute(orgId, started.run().id());
    } catch (RuntimeException e) {
      store.fail(orgId, started.run().id(), e.getClass().getSimpleName());
      throw e;
    }
  }

  /** Ends a run that could not be computed. */
  public Run fail(String orgId, String runId, String reason) {
    store.find(orgId, runId).orElseThrow(() -> new UnknownRunException(runId));
    store.fail(orgId, runId, reason);
    return store.find(orgId, runId).orElseThrow();
  }
}
