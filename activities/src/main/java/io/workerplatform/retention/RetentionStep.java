package io.workerplatform.retention;

import java.util.List;
import org.jooq.DSLContext;

/**
 * One step of the anonymizer: {@code name} is its key in the run's counts and its meters' {@code
 * category} tag, {@code entityType} its audit rows' entity type; steps run by ascending {@code
 * order} (a step that makes rows deleted before those that anonymize them).
 */
public record RetentionStep(String name, String entityType, int order, Batch batch) {

  /** One batch inside the anonymizer's transaction: changes at most {@code scan.limit()} rows. */
  @FunctionalInterface
  public interface Batch {
    /** Returns the organization of each row changed (one element per row), for the audit rows. */
    List<String> run(DSLContext t, Scan scan);
  }
}
