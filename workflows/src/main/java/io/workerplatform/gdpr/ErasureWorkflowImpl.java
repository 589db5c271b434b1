package io.workerplatform.gdpr;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;
import java.util.Map;

public class ErasureWorkflowImpl implements ErasureWorkflow {

  /**
   * One transaction over one contact's rows: short. Retries cover an unreachable database for up
   * to a day (an erasure is a legal obligation: it waits out an outage rather than fail).
   */
  static final ActivityOptions ERASE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setScheduleToCloseTimeout(Failures.OUTAGE_TOLERANCE)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Failures.MAX_RETRY_INTERVAL)
                  .setDoNotRetry(InvalidInput.TYPE, ErasureActivities.CONTACT_NOT_FOUND)
                  .build())
          .build();

  /** The outcome must land: retried until it does. */
  static final ActivityOptions RECORD =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Failures.MAX_RETRY_INTERVAL).build())
          .build();

  private final ErasureActivities erase = Workflow.newActivityStub(ErasureActivities.class, ERASE);
  private final ErasureActivities record = Workflow.newActivityStub(ErasureActivities.class, RECORD);

  @Override
  public ErasureResult run(ErasureInput input) {
    InvalidInput.requireText("orgId", input == null ? null : input.orgId());
    String contactId = InvalidInput.requireText("contactId", input.contactId());
    Workflow.setCurrentDetails("Erasing contact " + contactId);
    Map<String, Long> counts;
    try {
      counts = erase.erase(input);
    } catch (ActivityFailure e) {
      record.recordOutcome(input, new ErasureResult(contactId, ErasureResult.FAILED, Map.of(), Failures.describe(e)));
      throw e; // the workflow fails too, so the Web UI and the CLI show it
    }
    ErasureResult result = new ErasureResult(contactId, ErasureResult.COMPLETED, counts, null);
    record.recordOutcome(input, result);
    Workflow.setCurrentDetails("Contact " + contactId + " erased");
    return result;
  }
}
