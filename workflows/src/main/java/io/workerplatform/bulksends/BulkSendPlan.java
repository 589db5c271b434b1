package io.workerplatform.bulksends;

/**
 * How a bulk send proceeds, fixed when it starts (from the worker's configuration, recorded in
 * history so replays agree).
 *
 * @param total recipients in the bulk send
 * @param pageSize recipients per batch activity
 * @param window batch activities in flight at most
 * @param continueAsNewAfterEvents history length after which the run continues as new
 */
public record BulkSendPlan(int total, int pageSize, int window, int continueAsNewAfterEvents) {}
