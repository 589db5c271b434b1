package io.workerplatform.host.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.temporal.*} as the console reads it.
 *
 * @param uiUrl the Temporal Web UI (http://localhost:8080 in the compose stack): every workflow
 *     the console shows links to it; empty, the embedded default, shows no links
 * @param namespace the namespace the links open
 */
@ConfigurationProperties("platform.temporal")
public record ConsoleProperties(@DefaultValue("") String uiUrl, @DefaultValue("default") String namespace) {

  /** The Web UI's page of a workflow, or null without a UI. */
  public String workflowUrl(String workflowId) {
    if (uiUrl.isBlank() || workflowId == null) {
      return null;
    }
    return uiUrl.replaceAll("/+$", "") + "/namespaces/" + namespace + "/workflows/"
        + java.net.URLEncoder.encode(workflowId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
