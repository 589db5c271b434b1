package io.workerplatform.imports;

/** What the workflow answers to {@code progress} and returns: ids and counters only. */
public record ImportProgress(String importId, String status, int rows, int imported, int updated, int failed, int run) {}
