package io.workerplatform.host.support;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads workflow histories as text, every payload decoded, to look for what must not be there. */
public final class Histories {
  private static final Pattern DATA = Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=]+)\"");

  private Histories() {}

  /** Every run of the workflow id (following continue-as-new back to the first), decoded. */
  public static List<String> allRuns(WorkflowClient client, String workflowId) {
    List<String> runs = new ArrayList<>();
    String runId = null;
    do {
      WorkflowExecutionHistory history = client.fetchHistory(workflowId, runId);
      runs.add(decoded(history.toJson(false)));
      HistoryEvent first = history.getEvents().get(0);
      runId = first.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
    } while (runId != null && !runId.isEmpty());
    return runs;
  }

  /** The history JSON with every payload's data appended decoded from base64. */
  public static String decoded(String historyJson) {
    Matcher data = DATA.matcher(historyJson);
    StringBuilder decoded = new StringBuilder(historyJson);
    while (data.find()) {
      decoded.append('\n').append(new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
    }
    return decoded.toString();
  }
}
