package io.workerplatform.webhook;

/** What an attempt needs, loaded from PostgreSQL so that the workflow history holds only ids. */
record AttemptTarget(
    String deliveryId, String url, String secret, boolean subscriptionEnabled, byte[] body) {}
