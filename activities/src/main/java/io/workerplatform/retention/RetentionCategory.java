package io.workerplatform.retention;

import java.util.List;

/**
 * A capability's part of the anonymizer, registered as a bean next to its store: the rows it keeps
 * past their use (deleted, or old log rows) and how they are anonymized or deleted once they are
 * older than the organization's retention for this category. The anonymizer runs every step of
 * every registered category in batches, in the order of their {@link RetentionStep#order()}, with
 * its own guarantees: short transactions, a share of the rows per worker, one audit row per
 * organization and batch, counts and meters per step. A step names only its own capability's
 * tables; {@link RetentionSql} gives it the retention period and its share.
 */
public interface RetentionCategory {
  /** The category: a {@code category} of {@code retention_periods}, a key of {@code platform.gdpr.retention-days}. */
  String name();

  /**
   * Days past which its rows are due when neither the organization ({@code retention_periods}) nor
   * {@code platform.gdpr.retention-days} says otherwise.
   */
  default int defaultDays() {
    return 30;
  }

  /** What the anonymizer does for this category. */
  List<RetentionStep> steps();

  /** The entity types a scheduled deletion may name, soft-deleted when it falls due. */
  default List<SoftDeletable> softDeletables() {
    return List.of();
  }
}
