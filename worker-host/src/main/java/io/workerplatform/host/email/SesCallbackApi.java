package io.workerplatform.host.email;

import io.workerplatform.email.SesNotifications;
import io.workerplatform.email.SnsMessage;
import io.workerplatform.host.api.BadRequestException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * SES events through SNS. SNS posts its JSON as {@code text/plain}, so the body is read as a
 * string whatever its content type.
 */
@RestController
class SesCallbackApi {
  private final SesNotifications notifications;

  SesCallbackApi(SesNotifications notifications) {
    this.notifications = notifications;
  }

  @PostMapping(path = "/callbacks/ses", consumes = "*/*")
  ResponseEntity<?> receive(@RequestBody(required = false) String body) {
    if (body == null || body.isBlank()) {
      throw new BadRequestException("body", "is required");
    }
    try {
      SesNotifications.Outcome outcome = notifications.receive(body);
      return ResponseEntity.ok(Map.of("outcome", outcome.name()));
    } catch (SnsMessage.MalformedException e) {
      throw new BadRequestException(e.field(), e.getMessage());
    } catch (SesNotifications.UnverifiedException e) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "not signed by SNS: " + e.getMessage());
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }
  }
}
