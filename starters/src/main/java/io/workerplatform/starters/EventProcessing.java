package io.workerplatform.starters;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.workerplatform.common.Fairness;
import io.workerplatform.events.DomainEventWorkflow;
import io.workerplatform.events.EventActivities.RetryRequest;
import io.workerplatform.events.EventRetryWorkflow;
import io.workerplatform.events.EventRequest;

/**
 * Starts and steers the processing of stored domain events ({@code domain-event/<orgId>/<eventId>}).
 * The workflow's input holds ids only: the event's data stays in PostgreSQL.
 */
public class EventProcessing {
  /**
   * Temporal's task priority for low-priority event types: a larger key is less urgent, and the
   * default is 3. Tasks of the same queue are dispatched by key, on servers that support it.
   */
  public static final int LOW_PRIORITY_KEY = 5;

  private final WorkflowClient client;

  public EventProcessing(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the event's workflow on {@code events}, or with a lower priority on {@code
   * events-low-priority}; false when it was running or had run already (an event is processed once).
   *
   * @throws io.temporal.client.WorkflowServiceException when Temporal cannot be reached
   */
  public boolean start(String orgId, String eventId, String type, boolean lowPriority) {
    return start(orgId, eventId, null, type, lowPriority);
  }

  /** The same, with the event's platform id ({@code id}): its processing reads it by primary key. */
  public boolean start(String orgId, String eventId, String id, String type, boolean lowPriority) {
    return start(orgId, eventId, id, type, lowPriority, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
  }

  /**
   * Starts the event's workflow again when its last run ended without completing (terminated,
   * failed, timed out) while its row still says it is under way; false when it runs, or completed.
   */
  public boolean restart(String orgId, String eventId, String id, String type, boolean lowPriority) {
    return start(
        orgId, eventId, id, type, lowPriority, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY);
  }

  private boolean start(
      String orgId, String eventId, String id, String type, boolean lowPriority, WorkflowIdReusePolicy reuse) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder(
                BusinessWorkflows.once(
                    DomainEventWorkflow.workflowId(orgId, eventId),
                    lowPriority ? DomainEventWorkflow.LOW_PRIORITY_TASK_QUEUE : DomainEventWorkflow.TASK_QUEUE,
                    "Domain event " + eventId + " (" + type + ")",
                    orgId,
                    eventId))
            .setWorkflowIdReusePolicy(reuse);
    if (lowPriority) {
      options.setPriority(Fairness.priority(orgId, LOW_PRIORITY_KEY));
    }
    DomainEventWorkflow workflow = client.newWorkflowStub(DomainEventWorkflow.class, options.build());
    try {
      WorkflowClient.start(workflow::process, new EventRequest(orgId, eventId, id));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  /** Tells a waiting event that its predecessor ended; false when its workflow is not running. */
  public boolean proceed(String orgId, String eventId) {
    try {
      client.newWorkflowStub(DomainEventWorkflow.class, DomainEventWorkflow.workflowId(orgId, eventId)).proceed();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /** Tells a scheduled event's workflow that its row was cancelled; false when it is not running. */
  public boolean cancelled(String orgId, String eventId) {
    try {
      client.newWorkflowStub(DomainEventWorkflow.class, DomainEventWorkflow.workflowId(orgId, eventId)).cancel();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /**
   * Starts a retry of the event's failed handlers (all, or {@code handler}) on queue {@code
   * events}: {@code event-retry/<org>/<event>}. False while a retry of the event runs.
   */
  public boolean retry(String orgId, String eventId, String handler) {
    EventRetryWorkflow workflow = client.newWorkflowStub(
        EventRetryWorkflow.class,
        BusinessWorkflows.again(EventRetryWorkflow.workflowId(orgId, eventId),
            EventRetryWorkflow.TASK_QUEUE, "Retry of event " + eventId, orgId, eventId));
    try {
      WorkflowClient.start(workflow::retry, new RetryRequest(orgId, eventId, handler));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }
}
