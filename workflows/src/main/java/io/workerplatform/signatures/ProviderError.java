package io.workerplatform.signatures;

/** Why the provider cannot go on: its status or error code, never its free text about people. */
public record ProviderError(String reason) {}
