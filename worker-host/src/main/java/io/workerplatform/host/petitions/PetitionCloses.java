package io.workerplatform.host.petitions;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.workerplatform.common.Fairness;
import io.workerplatform.petitions.PetitionCloseInput;
import io.workerplatform.petitions.PetitionCloseWorkflow;
import io.workerplatform.petitions.PetitionStore;
import io.workerplatform.petitions.PetitionStore.Petition;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Gives a petition's durable timer (workflow {@code petition-close/<org>/<petition>}) its closing
 * time: signal-with-start, so a waiting timer moves, a finished one starts again, and a null time
 * cancels. The time given is noted on the row; one that Temporal did not take (unreachable) is
 * given again by the relay ({@link PetitionStore#CLOSING_OUTBOX}).
 */
@Component
class PetitionCloses {
  private final WorkflowClient client;
  private final PetitionStore store;

  PetitionCloses(WorkflowClient client, PetitionStore store) {
    this.client = client;
    this.store = store;
  }

  /** Schedules (or cancels) the petition's closing at its current {@code closesAt}. */
  void start(Petition petition) {
    start(petition.orgId(), petition.id(), petition.closesAt());
  }

  void start(String orgId, String petitionId, Instant closesAt) {
    PetitionCloseInput input = new PetitionCloseInput(orgId, petitionId, closesAt);
    PetitionCloseWorkflow timer =
        client.newWorkflowStub(
            PetitionCloseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(PetitionCloseWorkflow.workflowId(orgId, petitionId))
                .setTaskQueue(PetitionCloseWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setPriority(Fairness.priority(orgId, 0))
                .build());
    var request = client.newSignalWithStartRequest();
    request.add(timer::run, input);
    request.add(timer::reschedule, input);
    client.signalWithStart(request);
    store.closeScheduled(petitionId, closesAt);
  }
}
