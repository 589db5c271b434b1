package io.workerplatform.benchmarks.faults;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compares two sources that do not derive from each other: the receiver's log of the {@code
 * webhook-id}s it acknowledged (a delivery's id) and the deliveries' rows.
 */
final class WebhookCheck {
  private WebhookCheck() {}

  record Outcome(long delivered, long undelivered, String agree) {}

  static Outcome outcome(FaultLab lab, String schema, Set<String> acknowledged) throws SQLException {
    Map<String, String> rows = lab.pairs(schema, "select id, status from webhook_deliveries");
    long delivered = rows.values().stream().filter("DELIVERED"::equals).count();
    Set<String> deliveredNotAcknowledged = new HashSet<>();
    rows.forEach((id, status) -> {
      if (status.equals("DELIVERED") && !acknowledged.contains(id)) {
        deliveredNotAcknowledged.add(id);
      }
    });
    long acknowledgedNotDelivered = acknowledged.stream().filter(id -> !"DELIVERED".equals(rows.get(id))).count();
    boolean agree = deliveredNotAcknowledged.isEmpty() && acknowledgedNotDelivered == 0;
    return new Outcome(delivered, rows.size() - delivered,
        (agree ? "yes" : "no") + " (receiver acknowledged " + acknowledged.size() + " delivery ids, rows say "
            + delivered + " DELIVERED of " + rows.size() + "; " + deliveredNotAcknowledged.size()
            + " DELIVERED never acknowledged, " + acknowledgedNotDelivered + " acknowledged but not DELIVERED)");
  }
}
