package io.workerplatform.retention;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/**
 * Where the anonymizer writes its audit rows: one per organization and batch, in the batch's
 * transaction {@code t}. The host gives it the audit log's writer.
 */
@FunctionalInterface
public interface RetentionAudit {
  void record(DSLContext t, String orgId, String entityType, long rows, OffsetDateTime at);
}
