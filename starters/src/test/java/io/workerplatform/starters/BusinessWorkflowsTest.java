package io.workerplatform.starters;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowOptions;
import io.workerplatform.common.Fairness;
import org.junit.jupiter.api.Test;

/** The start options every platform workflow shares carry the organization as the fairness key. */
class BusinessWorkflowsTest {
  @Test
  void everyStartCarriesItsOrganizationAsTheFairnessKeyAndPriorityStartsKeepTheirTaskPriority() {
    WorkflowOptions once = BusinessWorkflows.once("email/eml_1", "email", "Email eml_1", "acme", "eml_1");
    WorkflowOptions again = BusinessWorkflows.again("sap-sync/acme", "sap", "SAP sync", "acme", "acme");

    assertThat(once.getPriority().getFairnessKey()).isEqualTo("acme");
    assertThat(once.getPriority().getPriorityKey()).isZero();
    assertThat(again.getPriority().getFairnessKey()).isEqualTo("acme");
    WorkflowOptions refresh = ComplianceRefreshes.options("acme", "cmp_1");
    assertThat(refresh.getPriority().getFairnessKey()).isEqualTo("acme");
    assertThat(refresh.getPriority().getPriorityKey()).isEqualTo(ComplianceRefreshes.PRIORITY);
    String longId = "org-" + "x".repeat(80);
    assertThat(BusinessWorkflows.once("x", "q", "s", longId, "e").getPriority().getFairnessKey())
        .isEqualTo(Fairness.key(longId)).hasSize(64);
  }
}
