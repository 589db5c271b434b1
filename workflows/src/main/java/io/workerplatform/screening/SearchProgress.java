package io.workerplatform.screening;

/** The answer of the {@code progress} query and the workflow's result. */
public record SearchProgress(
    String screeningId, String status, int total, int screened, int withHits, int failed, int run) {}
