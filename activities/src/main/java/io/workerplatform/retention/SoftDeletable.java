package io.workerplatform.retention;

import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.Table;

/**
 * An entity type that {@code scheduled_deletions} may name: when a deletion falls due, the
 * anonymizer sets {@code deletedAt} of the row {@code id} of the deletion's organization (unless it
 * is already deleted) to the deletion's date; its category's retention runs from there.
 */
public record SoftDeletable(
    String entityType, Table<?> table, Field<String> id, Field<String> orgId, Field<OffsetDateTime> deletedAt) {}
