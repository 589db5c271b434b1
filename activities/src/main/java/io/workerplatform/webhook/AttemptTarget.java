package io.workerplatform.webhook;

/**
 * What an attempt needs, loaded from PostgreSQL so that the workflow history holds only ids;
 * {@code earlier} is the attempt this activity execution already recorded, if it ran before.
 */
record AttemptTarget(
    String deliveryId,
    String subscriptionId,
    String url,
    String secret,
    boolean subscriptionEnabled,
    int consecutiveFailures,
    byte[] body,
    AttemptOutcome earlier) {}
