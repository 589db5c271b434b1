package io.workerplatform.screening;

/**
 * How a screening proceeds, fixed when it starts (recorded in history so replays agree).
 *
 * @param total profiles to screen
 * @param batchSize profiles per batch activity
 * @param continueAsNewAfterEvents history length after which the run continues as new
 */
public record SearchPlan(int total, int batchSize, int continueAsNewAfterEvents) {}
