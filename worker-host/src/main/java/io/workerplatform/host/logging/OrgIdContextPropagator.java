package io.workerplatform.host.logging;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.context.ContextPropagator;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries the organization id of the log context (MDC {@value LogFields#ORG_ID}) from where work
 * is started or scheduled to where it runs: from an API request into its workflow, from a
 * workflow into its activities. An id only, never personal data.
 */
class OrgIdContextPropagator implements ContextPropagator {
  private static final String HEADER = "platform-org-id";

  @Override
  public String getName() {
    return HEADER;
  }

  @Override
  public Object getCurrentContext() {
    return MDC.get(LogFields.ORG_ID);
  }

  @Override
  public void setCurrentContext(Object context) {
    if (context instanceof String orgId && !orgId.isBlank()) {
      MDC.put(LogFields.ORG_ID, orgId);
    }
  }

  @Override
  public Map<String, Payload> serializeContext(Object context) {
    if (!(context instanceof String orgId)) {
      return Map.of();
    }
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(orgId).map(p -> Map.of(HEADER, p)).orElse(Map.of());
  }

  @Override
  public Object deserializeContext(Map<String, Payload> header) {
    Payload payload = header.get(HEADER);
    return payload == null ? null : DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
