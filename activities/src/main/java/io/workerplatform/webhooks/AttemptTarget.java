package io.workerplatform.webhooks;

import java.util.List;

/**
 * What an attempt needs, loaded from PostgreSQL so that the workflow history holds only ids;
 * {@code earlier} is the attempt this activity execution already recorded, if it ran before.
 */
record AttemptTarget(
    String deliveryId,
    String orgId,
    String subscriptionId,
    String url,
    /** The current secret first; the previous one too while a rotation's overlap lasts. */
    List<String> secrets,
    boolean subscriptionEnabled,
    boolean subscriptionDeleted,
    int consecutiveFailures,
    byte[] body,
    AttemptOutcome earlier,
    /** The delivery's status and attempts so far, as loaded. */
    String status,
    int attempts) {}
