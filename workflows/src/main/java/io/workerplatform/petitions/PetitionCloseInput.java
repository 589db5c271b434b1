package io.workerplatform.petitions;

import java.time.Instant;

/**
 * Which petition closes, and when: ids and a time only. As the argument of {@code reschedule}, a
 * null {@code closesAt} cancels the closing.
 */
public record PetitionCloseInput(String orgId, String petitionId, Instant closesAt) {}
