package io.workerplatform.host.support;

import java.time.Instant;
import java.time.ZoneId;

/** Time zones picked by their local hour now, for jobs that take organizations at their local time. */
public final class Zones {
  private Zones() {}

  /** A fixed-offset zone whose local hour now is between {@code from} and {@code to} inclusive. */
  public static String localHourBetween(int from, int to) {
    for (int offset = -12; offset <= 14; offset++) {
      String zone = offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
      int hour = Instant.now().atZone(ZoneId.of(zone)).getHour();
      if (hour >= from && hour <= to) {
        return zone;
      }
    }
    throw new IllegalStateException("no zone with a local hour between " + from + " and " + to);
  }
}
