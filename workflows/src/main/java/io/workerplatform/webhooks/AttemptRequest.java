package io.workerplatform.webhooks;

/**
 * One attempt of a delivery.
 *
 * @param retryInSeconds when this attempt fails, the next one is due this many seconds later; 0
 *     means it is the last attempt of the schedule and a failure makes the delivery FAILED
 */
public record AttemptRequest(String deliveryId, long retryInSeconds) {}
