package io.workerplatform.host.screening;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.screening.ScreeningCallbackTokens;
import io.workerplatform.screening.ScreeningMonitor;
import io.workerplatform.starters.Screenings;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The screening provider's monitoring webhook, one URL per organization carrying its token
 * ({@code /callbacks/screening/<org>?token=}, from {@code GET .../integrations/screening}). A wrong
 * token is a 401 and nothing is written; a {@code monitored_search_updated} about a monitored
 * search starts {@code screening-refresh/<org>/<search>}, which reads the change; other events and
 * searches not monitored are acknowledged and ignored.
 */
@RestController
class ScreeningCallbackApi {
  static final String UPDATED = "monitored_search_updated";

  record Received(boolean refreshing) {}

  private final ScreeningCallbackTokens tokens;
  private final ScreeningMonitor monitor;
  private final Screenings screenings;
  private final JsonMapper json;

  ScreeningCallbackApi(ScreeningCallbackTokens tokens, ScreeningMonitor monitor, Screenings screenings, JsonMapper json) {
    this.tokens = tokens;
    this.monitor = monitor;
    this.screenings = screenings;
    this.json = json;
  }

  @PostMapping("/callbacks/screening/{orgId}")
  ResponseEntity<?> callback(
      @PathVariable String orgId, @RequestParam(name = "token", required = false) String token,
      @RequestBody(required = false) byte[] body) {
    if (!tokens.matches(orgId, token)) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
          "the callback token does not match the organization");
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }
    JsonNode callback;
    try {
      callback = json.readTree(body == null ? new byte[0] : body);
    } catch (JacksonException e) {
      throw new BadRequestException("body", "is not JSON");
    }
    if (callback == null || !callback.isObject()) {
      throw new BadRequestException("body", "must be a JSON object");
    }
    if (!UPDATED.equals(callback.path("event").asString(null))) {
      return ResponseEntity.ok(new Received(false));
    }
    JsonNode searchId = callback.path("data").path("search_id");
    if (!(searchId.isString() || searchId.isNumber()) || searchId.asString().isBlank() || searchId.asString().length() > 100) {
      throw new BadRequestException("data.search_id", "is required (the monitored search's id)");
    }
    if (!monitor.isMonitored(orgId, searchId.asString())) {
      return ResponseEntity.ok(new Received(false));
    }
    try {
      screenings.refresh(orgId, searchId.asString());
    } catch (WorkflowServiceException e) {
      // a non-2xx answer makes the provider deliver it again
      throw new TemporalUnavailableException("Temporal is unreachable; deliver the callback again", Map.of("orgId", orgId));
    }
    return ResponseEntity.ok(new Received(true));
  }
}
