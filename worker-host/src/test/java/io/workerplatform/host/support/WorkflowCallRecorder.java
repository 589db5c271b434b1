package io.workerplatform.host.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Import it in a {@link HostTest} to record every workflow call the host's client makes (start,
 * signal, signal-with-start, update, cancel, terminate): the embedded server answers no
 * visibility query, so a test that must prove "nothing was started" reads what the client sent.
 */
@org.springframework.boot.test.context.TestConfiguration
public class WorkflowCallRecorder {
  /** The calls, in order: {@code "start <workflow id>"}, {@code "signal <id> <name>"}, ... */
  public static final class WorkflowCalls {
    public final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
  }

  @org.springframework.context.annotation.Bean
  WorkflowCalls workflowCalls() {
    return new WorkflowCalls();
  }

  @org.springframework.context.annotation.Bean
  io.temporal.spring.boot.TemporalOptionsCustomizer<io.temporal.client.WorkflowClientOptions.Builder> recordWorkflowCalls(
      WorkflowCalls recorded) {
    return builder -> {
      io.temporal.common.interceptors.WorkflowClientInterceptor[] configured = builder.build().getInterceptors();
      List<io.temporal.common.interceptors.WorkflowClientInterceptor> interceptors =
          new ArrayList<>(configured == null ? List.of() : List.of(configured));
      interceptors.add(new io.temporal.common.interceptors.WorkflowClientInterceptorBase() {
        @Override
        public io.temporal.common.interceptors.WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
            io.temporal.common.interceptors.WorkflowClientCallsInterceptor next) {
          return new io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase(next) {
            @Override
            public WorkflowStartOutput start(WorkflowStartInput input) {
              recorded.calls.add("start " + input.getWorkflowId());
              return super.start(input);
            }

            @Override
            public WorkflowSignalOutput signal(WorkflowSignalInput input) {
              recorded.calls.add("signal " + input.getWorkflowExecution().getWorkflowId() + " " + input.getSignalName());
              return super.signal(input);
            }

            @Override
            public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
              recorded.calls.add("signal-with-start " + input.getWorkflowStartInput().getWorkflowId());
              return super.signalWithStart(input);
            }

            @Override
            public CancelOutput cancel(CancelInput input) {
              recorded.calls.add("cancel " + input.getWorkflowExecution().getWorkflowId());
              return super.cancel(input);
            }

            @Override
            public TerminateOutput terminate(TerminateInput input) {
              recorded.calls.add("terminate " + input.getWorkflowExecution().getWorkflowId());
              return super.terminate(input);
            }

            @Override
            public <R> io.temporal.client.WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
              recorded.calls.add("update " + input.getWorkflowExecution().getWorkflowId() + " " + input.getUpdateName());
              return super.startUpdate(input);
            }

            @Override
            public <R> WorkflowUpdateWithStartOutput<R> updateWithStart(WorkflowUpdateWithStartInput<R> input) {
              recorded.calls.add("update-with-start " + input.getWorkflowStartInput().getWorkflowId());
              return super.updateWithStart(input);
            }
          };
        }
      });
      return builder.setInterceptors(interceptors.toArray(io.temporal.common.interceptors.WorkflowClientInterceptor[]::new));
    };
  }
}
