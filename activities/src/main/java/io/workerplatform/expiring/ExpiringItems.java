package io.workerplatform.expiring;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * A capability's items that expire (a contact's documents, a profile's certifications), registered
 * as a bean: the cron job {@code expiring-properties} publishes one {@link #eventType()} event per
 * item 30, 14 and 7 days before it expires, and the capability records which thresholds it was
 * told about, in its own table.
 */
public interface ExpiringItems {
  /** The job that scans these items: {@code expiring-properties}, or another {@link ExpiringProperties.Schedule}'s. */
  default String job() {
    return ExpiringProperties.NAME;
  }

  /** The event published, e.g. {@code document.expiring}; its ids are {@code document-expiring-<item>-<days>}. */
  String eventType();

  /**
   * The organization's items (of live owners) expiring between {@code from} and {@code until}
   * inclusive, each with the nearest threshold already noticed (null if none).
   */
  List<Item> expiring(DSLContext dsl, String orgId, LocalDate from, LocalDate until);

  /** Records that the item's {@code thresholds} were noticed by the event {@code eventId}; idempotent. */
  void noticed(DSLContext dsl, String orgId, String itemId, List<Integer> thresholds, String eventId, OffsetDateTime at);

  /**
   * An expiring item: {@code data} is the event's payload before the job's date, {@code
   * daysBefore} and {@code urgency} (ids and types only, never personal data). {@code occurrence}
   * tells apart the item's successive dates (a filing's due date moved: its reminders start
   * afresh); null when an item has one date.
   */
  record Item(String id, LocalDate expiresAt, Integer nearestNoticed, Map<String, Object> data, String occurrence) {

    public Item(String id, LocalDate expiresAt, Integer nearestNoticed, Map<String, Object> data) {
      this(id, expiresAt, nearestNoticed, data, null);
    }
  }
}
