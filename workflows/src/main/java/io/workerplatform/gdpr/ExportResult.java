package io.workerplatform.gdpr;

/** How an export ended: the archive's size and entry count, or why it failed. */
public record ExportResult(String exportId, String status, long sizeBytes, int entries, String error) {
  public static final String PENDING = "PENDING";
  public static final String PROCESSING = "PROCESSING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
  /** Completed once; its archive was deleted after the retention of exports. */
  public static final String EXPIRED = "EXPIRED";
}
