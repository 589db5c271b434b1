package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.AdminApi;
import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.TemporalServerProcess;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PostgreSQL crashes 1 s into a digest window (the {@code petition-notifications} job, run by hand
 * over members with a pending digest notification each) and stays down for the long outage.
 */
final class PostgresDownDuringDigests implements FaultRow {
  private static final Pattern WORKFLOW_ID = Pattern.compile("\"workflowId\":\"([^\"]+)\"");
  private final int members = Integer.getInteger("digest.members", 1_000);

  @Override
  public String name() {
    return "pg-digest";
  }

  @Override
  public Result run(FaultLab lab) throws Exception {
    lab.ses.clear();
    String schema = FaultLab.schema("pg_digest");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = lab.host(schema, temporal, lab.ses.endpoint().toString(), List.of())) {
      lab.organization(host);
      try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
        for (int i = 0; i < members; i++) {
          String body = "{\"email\":\"d" + i + "@example.com\",\"role\":\"MEMBER\"}";
          executor.submit(() -> AdminApi.post(FaultLab.url(host) + "/api/orgs/" + FaultLab.ORG + "/members", body));
        }
      }
      try (Connection c = lab.connect(schema);
          Statement s = c.createStatement()) {
        s.execute("insert into notifications (id, org_id, member_id, event_ref, event_id, event_type, entity_id, title,"
            + " in_app_status, email_status, digest_status, created_at) select 'ntf_' || id, org_id, id, 'ref-' || id,"
            + " 'e-' || id, 'comment.created', 'pet_1', 'New comment on petition pet_1', 'SKIPPED', 'SKIPPED', 'PENDING',"
            + " now() - interval '1 minute' from members where org_id = '" + FaultLab.ORG + "'");
      }
      Matcher id = WORKFLOW_ID.matcher(AdminApi.post(FaultLab.url(host) + "/api/cron/petition-notifications/run", ""));
      if (!id.find()) {
        throw new IllegalStateException("no workflow id from the manual run");
      }
      Thread.sleep(1_000);
      lab.pg.restart(lab.longOutage);
      String workflowId = id.group(1);
      FaultLab.await(
          () -> "SUCCEEDED".equals(lab.text(schema, "select outcome from cron_runs where workflow_id = '" + workflowId + "'")),
          Duration.ofMinutes(30));
      // Three sources: SES's store, the message log, the notifications' digest status.
      Map<String, Long> atSes = lab.ses.emails().stream()
          .filter(e -> e.to().get(0).startsWith("d"))
          .collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
      Map<String, String> log = lab.pairs(schema,
          "select m.email, coalesce(e.state || ' ' || e.in_doubt, 'none') from members m left join email_messages e"
              + " on e.member_id = m.id and e.dedupe_key like 'member-digest/%' where m.org_id = '" + FaultLab.ORG + "'");
      long lost = log.keySet().stream().filter(a -> !atSes.containsKey(a)).count();
      List<String> duplicated = atSes.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
      long marked = duplicated.stream().filter(a -> log.getOrDefault(a, "").endsWith(" true")).count();
      long logSent = log.values().stream().filter(v -> v.startsWith("SENT ")).count();
      long digestSent = lab.count(schema, "select count(*) from notifications where digest_status = 'SENT'");
      boolean agree = atSes.size() == logSent && logSent == digestSent;
      return new Result(
          "PostgreSQL down " + lab.longOutage.toSeconds() + " s", "digest window of " + members + " members",
          lost, duplicated.size(), marked,
          (agree ? "yes" : "no") + " (SES " + atSes.size() + " recipients, log " + logSent + " SENT, notifications "
              + digestSent + " digest SENT)",
          FaultLab.seconds(start));
    }
  }
}
