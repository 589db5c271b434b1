package io.workerplatform.benchmarks;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The server's own ceiling: a workflow that runs one no-op activity. */
@WorkflowInterface
public interface BareWorkflow {
  @WorkflowMethod
  String run(String id);

  @ActivityInterface
  interface Noop {
    String noop(String id);
  }

  class Impl implements BareWorkflow {
    private final Noop noop =
        Workflow.newActivityStub(
            Noop.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public String run(String id) {
      return noop.noop(id);
    }
  }
}
