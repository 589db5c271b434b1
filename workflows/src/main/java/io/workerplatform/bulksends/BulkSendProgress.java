package io.workerplatform.bulksends;

/** The answer of the {@code progress} query and the workflow's result. */
public record BulkSendProgress(
    String bulkSendId,
    String status,
    int total,
    int sent,
    int skipped,
    int suppressed,
    int failed,
    int batchesInFlight,
    int run) {}
