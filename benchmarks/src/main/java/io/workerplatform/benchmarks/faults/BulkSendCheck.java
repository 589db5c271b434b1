package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.AdminApi;
import io.workerplatform.benchmarks.HostProcess;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts a bulk send and reads how it came out from three sources that do not derive from each
 * other: the local SES server's store (what was really sent), the message log ({@code
 * email_messages}, what the platform wrote per message) and the bulk send's counters.
 */
final class BulkSendCheck {
  private BulkSendCheck() {}

  record Outcome(long lost, long duplicates, long marked, String agree) {}

  /** Organization, petition and {@code recipients} contacts {@code f<i>@example.com}, then the bulk send; its id. */
  static String start(FaultLab lab, HostProcess host, int recipients) throws Exception {
    lab.organization(host);
    String petition = lab.petition(host, "Faults");
    lab.contacts(host, "f", recipients);
    return FaultLab.id(AdminApi.post(FaultLab.url(host) + "/api/orgs/" + FaultLab.ORG + "/bulk-sends",
        "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"allContacts\":true}"));
  }

  static boolean ended(FaultLab lab, String schema, String id) {
    String status = lab.text(schema, "select status from bulk_sends where id = '" + id + "'");
    return "COMPLETED".equals(status) || "CANCELLED".equals(status);
  }

  static void awaitEnd(FaultLab lab, String schema, String id) throws InterruptedException {
    FaultLab.await(() -> ended(lab, schema, id), Duration.ofMinutes(30));
  }

  /** Recipients without a message at SES, with more than one, and of those the ones the log marks in doubt. */
  static Outcome outcome(FaultLab lab, String schema, String id) throws Exception {
    Map<String, Long> atSes =
        lab.ses.emails().stream().collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
    // recipient address -> "status in_doubt" of its message in the log ("none" without one)
    Map<String, String> log = lab.pairs(schema,
        "select c.email, coalesce(m.state || ' ' || m.in_doubt, 'none') from bulk_send_recipients b"
            + " join contacts c on c.id = b.contact_id"
            + " left join email_messages m on m.bulk_send_id = b.bulk_send_id and m.contact_id = b.contact_id"
            + " where b.bulk_send_id = '" + id + "'");
    long lost = log.keySet().stream().filter(a -> !atSes.containsKey(a)).count();
    var duplicated = atSes.entrySet().stream().filter(e -> e.getValue() > 1 && log.containsKey(e.getKey())).map(Map.Entry::getKey).toList();
    long marked = duplicated.stream().filter(a -> log.get(a).endsWith(" true")).count();
    long sesRecipients = log.keySet().stream().filter(atSes::containsKey).count();
    long logSent = log.values().stream().filter(v -> v.startsWith("SENT ")).count();
    long logInDoubt = log.values().stream().filter(v -> v.endsWith(" true")).count();
    String counters = lab.text(schema, "select status || ' ' || sent from bulk_sends where id = '" + id + "'");
    long counted = counters == null ? -1 : Long.parseLong(counters.substring(counters.indexOf(' ') + 1));
    boolean agree = sesRecipients == logSent && logSent == counted;
    return new Outcome(lost, duplicated.size(), marked,
        (agree ? "yes" : "no") + " (SES " + sesRecipients + " recipients, log " + logSent + " SENT, counters "
            + counters + "; " + logInDoubt + " logged in doubt)");
  }
}
