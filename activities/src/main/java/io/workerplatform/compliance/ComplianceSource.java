package io.workerplatform.compliance;

import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A capability's part of an organization's compliance: what it holds that is missing, expired,
 * expiring or overdue, found in its own tables (set-based: a query or two per organization).
 * Registered as a bean; the compliance capability names no other capability's table.
 */
public interface ComplianceSource {
  List<Finding> findings(DSLContext dsl, String orgId, Requirements requirements, LocalDate today);

  /** What an organization requires: the document kinds each profile, and each contact, must have. */
  record Requirements(List<String> profileDocumentKinds, List<String> contactDocumentKinds) {
    public static final Requirements NONE = new Requirements(List.of(), List.of());

    public Requirements {
      profileDocumentKinds = List.copyOf(profileDocumentKinds);
      contactDocumentKinds = List.copyOf(contactDocumentKinds);
    }
  }

  /**
   * One issue: its {@code type} (one of {@link ComplianceScore}'s), what it is about ({@code
   * profile}, {@code contact}, {@code filing}) by id, the document kind or filing kind, and the
   * date that matters (an expiry or due date; null for a missing document). Ids and kinds only.
   */
  record Finding(String type, String subject, String subjectId, String kind, LocalDate date) {}
}
