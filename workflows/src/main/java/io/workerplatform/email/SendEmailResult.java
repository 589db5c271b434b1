package io.workerplatform.email;

/**
 * What became of a message: {@code state} is one of {@link EmailState}'s constants; {@code
 * sesMessageId} is set when SES accepted it.
 */
public record SendEmailResult(String dedupeKey, String state, String sesMessageId, String error) {}
