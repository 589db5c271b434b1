package io.workerplatform.personaldata;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * A capability's personal data, registered as a bean next to its store: what erasing a contact or
 * a member changes in its tables, and what an export contains from them. The erasure and export
 * services run every registered one: an erasure in one transaction (all or nothing, one audit row),
 * an export streamed into one archive. Each method names only its own capability's tables and
 * changes only rows not yet erased, so erasing again changes nothing and counts zero.
 *
 * <p>{@link #order()} orders the archive's entries (the subject's own row first) and, reversed,
 * the erasure (the subject's own row last, after the rows that point to it).
 */
public interface PersonalData {
  /** Export position; erasure runs in the reverse order. */
  int order();

  /** Erases what this capability holds about the contacts; rows changed per kind. */
  default Map<String, Long> eraseContacts(DSLContext t, String[] contactIds, OffsetDateTime now) {
    return Map.of();
  }

  /** Erases what this capability holds about the organization's member; rows changed per kind. */
  default Map<String, Long> eraseMember(DSLContext t, String orgId, String memberId, OffsetDateTime now) {
    return Map.of();
  }

  /** Writes this capability's rows of the organization. */
  default void exportOrganization(ExportSections out, String orgId) throws IOException {}

  /** Writes this capability's rows about the organization's contact. */
  default void exportContact(ExportSections out, String orgId, String contactId) throws IOException {}

  /** Writes this capability's rows about the organization's member. */
  default void exportMember(ExportSections out, String orgId, String memberId) throws IOException {}
}
