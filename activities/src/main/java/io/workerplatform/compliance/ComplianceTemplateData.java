package io.workerplatform.compliance;

import io.workerplatform.compliance.ComplianceStore.Run;
import io.workerplatform.email.TemplateData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code compliance-alert} template's data when a notification sends it: the run its event is
 * about ({@code entityId}), its level, score, the level before it and its first recommendations.
 */
public final class ComplianceTemplateData implements TemplateData {
  static final int RECOMMENDATIONS_SHOWN = 10;
  private final ComplianceStore store;

  public ComplianceTemplateData(ComplianceStore store) {
    this.store = store;
  }

  @Override
  public Part prepare(String orgId, String template, Map<String, String> context) {
    String runId = context.get("entityId");
    if (!ComplianceRecipients.TEMPLATE.equals(template) || runId == null) {
      return Part.none();
    }
    return store.find(orgId, runId)
        .<Part>map(run -> {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("level", run.level());
          data.put("score", run.score());
          data.put("previousLevel", store.latestBefore(orgId, runId).map(Run::level).orElse("GREEN"));
          data.put("issues", run.recommendations().subList(0, Math.min(RECOMMENDATIONS_SHOWN, run.recommendations().size())));
          return Part.adding((recipient, d) -> d.put("data", data));
        })
        .orElseGet(() -> Part.problem("compliance run " + runId + " does not exist"));
  }
}
