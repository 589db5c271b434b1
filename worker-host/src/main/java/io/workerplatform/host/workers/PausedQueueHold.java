package io.workerplatform.host.workers;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Why a paused queue's activity can still arrive: suspending a worker's polling stops new polls,
 * but a long poll already waiting at the server still takes the next task (one per poller). Such
 * an activity is held here before it does anything, heartbeating with the details its last attempt
 * left (an activity reading them finds them unchanged), and runs when the queue is resumed: its
 * attempt is the one it would have had. A local activity runs inside its workflow's task and is
 * not held.
 */
@Component
class PausedQueueHold extends WorkerInterceptorBase {
  private static final long STEP_MILLIS = 500;
  private final PausedQueues paused;

  PausedQueueHold(PausedQueues paused) {
    this.paused = paused;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        String queue = context.getInfo().getActivityTaskQueue();
        if (!context.getInfo().isLocal() && paused.isPaused(queue)) {
          Optional<Object> details = context.getHeartbeatDetails(Object.class);
          while (paused.isPaused(queue)) {
            context.heartbeat(details.orElse(null));
            try {
              Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted while its task queue was paused", e);
            }
          }
        }
        return super.execute(input);
      }
    };
  }
}
