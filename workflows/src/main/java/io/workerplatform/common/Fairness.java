package io.workerplatform.common;

import io.temporal.common.Priority;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Temporal's task queue fairness, keyed by organization: every workflow the platform starts for an
 * organization carries the organization as its fairness key (its activities and children inherit
 * it), so that a server with fairness enabled (Temporal 1.28 and later with the task queues'
 * fairness on, or Temporal Cloud with it enabled for the namespace) dispatches each organization's
 * tasks in turn rather than in arrival order. The embedded test server ignores the key: there, the
 * platform's own admission holds (docs/architecture.md), and nothing of this can be measured.
 */
public final class Fairness {
  /** The server's limit on a fairness key. */
  static final int MAX_KEY_BYTES = 64;

  private Fairness() {}

  /**
   * The organization's fairness key: its id, or for an id longer than the server takes, the
   * SHA-256 of it in 64 hex digits (one organization, one key, whatever its id's length).
   */
  public static String key(String orgId) {
    byte[] id = orgId.getBytes(StandardCharsets.UTF_8);
    if (id.length <= MAX_KEY_BYTES) {
      return orgId;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The organization's priority: its fairness key, and the task priority {@code priorityKey} when above 0. */
  public static Priority priority(String orgId, int priorityKey) {
    Priority.Builder priority = Priority.newBuilder().setFairnessKey(key(orgId));
    if (priorityKey > 0) {
      priority.setPriorityKey(priorityKey);
    }
    return priority.build();
  }
}
