package io.workerplatform.email;

/** An application's email request, by reference: its recipient, template and data stay in PostgreSQL. */
public record RequestedEmail(String orgId, String emailId) {}
