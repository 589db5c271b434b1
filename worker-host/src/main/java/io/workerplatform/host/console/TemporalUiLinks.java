package io.workerplatform.host.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links into the Temporal Web UI: a workflow's page in the namespace this host works in. */
public final class TemporalUiLinks {
  private final String uiUrl;
  private final String namespace;

  TemporalUiLinks(String uiUrl, String namespace) {
    this.uiUrl = uiUrl == null ? "" : uiUrl.strip().replaceAll("/+$", "");
    this.namespace = namespace;
  }

  /** The Web UI's page of a workflow, or null without a UI. */
  public String workflowUrl(String workflowId) {
    if (uiUrl.isEmpty() || workflowId == null) {
      return null;
    }
    return uiUrl + "/namespaces/" + encode(namespace) + "/workflows/" + encode(workflowId);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
