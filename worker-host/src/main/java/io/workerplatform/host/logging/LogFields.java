package io.workerplatform.host.logging;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.PlatformSearchAttributes;
import org.slf4j.MDC;

/**
 * The log fields of work running in this process, beside the SDK's own ({@code WorkflowId},
 * {@code RunId}, {@code WorkflowType}, {@code ActivityType}, ...): the task queue of an activity
 * and the organization of a workflow (its {@code OrgId} search attribute) and of its activities
 * (carried by {@link OrgIdContextPropagator}). With structured logging on, every line a workflow or
 * activity writes carries them.
 */
public class LogFields extends WorkerInterceptorBase {
  public static final String ORG_ID = "OrgId";
  public static final String TASK_QUEUE = "TaskQueue";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        // MDC is per thread and never read by workflow code: it cannot change what a replay does.
        String orgId = Workflow.getTypedSearchAttributes().get(PlatformSearchAttributes.ORG_ID);
        if (orgId != null) {
          MDC.put(ORG_ID, orgId);
        }
        return super.execute(input);
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String taskQueue;

      @Override
      public void init(ActivityExecutionContext context) {
        taskQueue = context.getInfo().getActivityTaskQueue();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        MDC.put(TASK_QUEUE, taskQueue);
        try {
          return super.execute(input);
        } finally {
          // the thread serves other activities next: none of this one's fields may stay behind
          MDC.remove(TASK_QUEUE);
          MDC.remove(ORG_ID);
        }
      }
    };
  }
}
