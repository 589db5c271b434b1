package io.workerplatform.host.temporal;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component {@code temporal}: the frontend answers within 2 seconds. */
@Component("temporal")
class TemporalHealthIndicator extends AbstractHealthIndicator {
  private final WorkflowServiceStubs stubs;
  private final String target;
  private final String mode;

  TemporalHealthIndicator(
      WorkflowServiceStubs stubs,
      @Value("${spring.temporal.connection.target}") String target,
      @Value("${platform.temporal.mode}") String mode) {
    this.stubs = stubs;
    this.target = target;
    this.mode = mode;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    var info =
        stubs
            .blockingStub()
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    builder
        .up()
        .withDetail("target", target)
        .withDetail("mode", mode)
        .withDetail("serverVersion", info.getServerVersion());
  }
}
