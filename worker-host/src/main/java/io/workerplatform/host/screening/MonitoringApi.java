package io.workerplatform.host.screening;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.profiles.ProfileStore;
import io.workerplatform.screening.ScreeningException;
import io.workerplatform.screening.ScreeningMonitor;
import io.workerplatform.screening.ScreeningMonitor.Flags;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A screened profile under monitoring (the provider reports changes of its search) and under
 * adverse-media monitoring (rescreened for adverse media every night). Switching monitoring
 * calls the provider at once: when it fails, nothing changes and the answer says so (502; a
 * refused key: 409 naming {@code integration}, which is then FAILED).
 */
@RestController
class MonitoringApi {
  private final ScreeningMonitor monitor;
  private final ProfileStore profiles;

  MonitoringApi(ScreeningMonitor monitor, ProfileStore profiles) {
    this.monitor = monitor;
    this.profiles = profiles;
  }

  @GetMapping("/api/orgs/{orgId}/profiles/{id}/monitoring")
  Flags get(@PathVariable String orgId, @PathVariable String id) {
    requireProfile(orgId, id);
    return monitor.flags(orgId, id).orElse(new Flags(false, false));
  }

  @PostMapping("/api/orgs/{orgId}/profiles/{id}/monitoring")
  Flags start(@PathVariable String orgId, @PathVariable String id) {
    requireProfile(orgId, id);
    monitor.monitor(orgId, id, true);
    return monitor.flags(orgId, id).orElseThrow();
  }

  @DeleteMapping("/api/orgs/{orgId}/profiles/{id}/monitoring")
  Flags stop(@PathVariable String orgId, @PathVariable String id) {
    requireProfile(orgId, id);
    monitor.monitor(orgId, id, false);
    return monitor.flags(orgId, id).orElseThrow();
  }

  @PostMapping("/api/orgs/{orgId}/profiles/{id}/adverse-media-monitoring")
  Flags startAdverseMedia(@PathVariable String orgId, @PathVariable String id) {
    requireProfile(orgId, id);
    monitor.monitorAdverseMedia(orgId, id, true);
    return monitor.flags(orgId, id).orElseThrow();
  }

  @DeleteMapping("/api/orgs/{orgId}/profiles/{id}/adverse-media-monitoring")
  Flags stopAdverseMedia(@PathVariable String orgId, @PathVariable String id) {
    requireProfile(orgId, id);
    monitor.monitorAdverseMedia(orgId, id, false);
    return monitor.flags(orgId, id).orElseThrow();
  }

  private void requireProfile(String orgId, String id) {
    profiles.find(orgId, id).orElseThrow(() -> new NotFoundException("profile", id));
  }

  /** The provider's failure, by its operation and status only. */
  @ExceptionHandler(ScreeningException.class)
  ProblemDetail providerFailed(ScreeningException e) {
    if (e.kind() == ScreeningException.Kind.UNAUTHORIZED) {
      throw new ConflictException("integration", "the screening provider refused the organization's API key; set it again");
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
        "the screening provider failed (" + e.getMessage() + "); nothing changed, try again");
    return problem;
  }
}
