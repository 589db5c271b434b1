package io.workerplatform.webhooks;

import java.util.List;

public record Subscription(
    String id,
    String orgId,
    String url,
    List<String> eventTypes,
    String secret,
    boolean enabled,
    String disabledReason) {}
