package io.workerplatform.host.work;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stats over HTTP: the counts by status of every registered kind of work, per organization or
 * (admin) across them. Each kind's list is its capability's route ({@code GET
 * /api/orgs/{orgId}/webhook-deliveries} and so on), served by {@link WorkQueries}.
 */
@RestController
class WorkApi {
  private final WorkQueries work;

  WorkApi(WorkQueries work) {
    this.work = work;
  }

  /** Counts by status of every kind of work of the organization; every known status is present. */
  @GetMapping("/api/orgs/{orgId}/stats")
  Map<String, Map<String, Long>> stats(@PathVariable String orgId) {
    return work.stats(orgId);
  }

  /** Admin only (the security rules): the same counts across every organization. */
  @GetMapping("/api/stats")
  Map<String, Map<String, Long>> allStats() {
    return work.allStats();
  }
}
