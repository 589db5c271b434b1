package io.workerplatform.benchmarks.faults;

import io.workerplatform.benchmarks.HostProcess;
import io.workerplatform.benchmarks.TemporalServerProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentSkipListMap;
import java.io.IOException;

/**
 * Bulk sends created through the API, each with an {@code Idempotency-Key}, while PostgreSQL
 * restarts: the client retries every 5xx, 409 and broken connection with the same key and body,
 * as a payment API's client would. Target: one bulk send per key, one message per recipient each.
 */
final class BulkSendsCreatedDuringRestart implements FaultRow {
  private final int bulkSends = Integer.getInteger("create.bulk-sends", 20);
  private final int recipients = Integer.getInteger("create.recipients", 100);
  /**
   * Longer than the pool's 30 s connection timeout: requests during the outage answer 503 (some
   * after their bulk send committed, the case the key is for) instead of waiting it out.
   */
  private final Duration outage = Duration.ofSeconds(Integer.getInteger("create.outage.seconds", 45));

  @Override
  public String name() {
    return "pg-create";
  }

  @Override
  public Result run(FaultLab lab) throws Exception {
    lab.ses.clear();
    String schema = FaultLab.schema("pg_create");
    long start = System.nanoTime();
    try (TemporalServerProcess temporal = TemporalServerProcess.start();
        HostProcess host = lab.host(schema, temporal, lab.ses.endpoint().toString(), List.of())) {
      lab.organization(host);
      lab.contacts(host, "i", recipients);
      List<String> petitions = new ArrayList<>();
      for (int i = 0; i < bulkSends; i++) {
        petitions.add(lab.petition(host, "Petition " + i));
      }
      Set<String> answeredIds = new LinkedHashSet<>();
      Map<String, Integer> answers = new ConcurrentSkipListMap<>();
      int[] retries = {0};
      // Four clients at once, so that several creations are in flight when PostgreSQL goes down.
      List<Thread> creating = new ArrayList<>();
      for (int client = 0; client < 4; client++) {
        int first = client;
        creating.add(Thread.ofVirtual().start(() -> {
          for (int i = first; i < bulkSends; i += 4) {
            String body = "{\"petitionId\":\"" + petitions.get(i) + "\",\"template\":\"petition-invite\",\"allContacts\":true}";
            for (int attempt = 0; ; attempt++) {
              try {
                HttpResponse<String> answer =
                    FaultLab.post(host, "/api/orgs/" + FaultLab.ORG + "/bulk-sends", body, "create-" + i);
                boolean replayed = answer.headers().firstValue("Idempotent-Replayed").isPresent();
                answers.merge(answer.statusCode() + (replayed ? " replayed" : ""), 1, Integer::sum);
                if (answer.statusCode() < 300) {
                  synchronized (answeredIds) {
                    answeredIds.add(FaultLab.id(answer.body()));
                  }
                  break;
                }
                if (answer.statusCode() < 500 && answer.statusCode() != 409) {
                  throw new IllegalStateException("bulk send " + i + ": " + answer.statusCode() + " " + answer.body());
                }
              } catch (IOException broken) {
                answers.merge("no answer", 1, Integer::sum); // the same key and body again
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              synchronized (retries) {
                retries[0]++;
              }
              sleep(Math.min(2_000, 100L << Math.min(attempt, 4)));
            }
            sleep(300);
          }
        }));
      }
      // The restart comes while creations are in flight: after the first quarter is answered.
      FaultLab.await(() -> answeredIdsSize(answeredIds) >= bulkSends / 4, Duration.ofMinutes(5));
      lab.pg.restart(outage);
      for (Thread client : creating) {
        client.join();
      }
      FaultLab.await(
          () -> lab.count(schema, "select count(*) from bulk_sends where status not in ('COMPLETED','CANCELLED')") == 0,
          Duration.ofMinutes(30));
      // Sources: the client's answers, the bulk sends' rows, SES's store.
      Map<String, String> rows = lab.pairs(schema, "select id, petition_id from bulk_sends");
      long perPetitionExtra = rows.values().stream().collect(Collectors.groupingBy(p -> p, Collectors.counting()))
          .values().stream().mapToLong(n -> n - 1).sum();
      Map<String, Long> atSes = lab.ses.emails().stream()
          .collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
      long lost = 0;
      long extraMessages = 0;
      for (int i = 0; i < recipients; i++) {
        long n = atSes.getOrDefault("i" + i + "@example.com", 0L);
        lost += Math.max(0, bulkSends - n);
        extraMessages += Math.max(0, n - bulkSends);
      }
      long inDoubt = lab.count(schema, "select count(*) from email_messages where in_doubt");
      boolean agree = rows.keySet().equals(answeredIds) && rows.size() == bulkSends;
      return new Result(
          "PostgreSQL down " + outage.toSeconds() + " s while creating", bulkSends + " bulk sends of " + recipients
              + " through the API with Idempotency-Key, every 5xx retried",
          lost, perPetitionExtra + extraMessages, Math.min(inDoubt, extraMessages),
          (agree ? "yes" : "no") + " (" + rows.size() + " bulk send rows, " + answeredIds.size()
              + " ids answered to the client, " + (rows.keySet().equals(answeredIds) ? "the same" : "not the same") + "; " + retries[0] + " retries; answers " + answers + "; " + perPetitionExtra
              + " duplicate bulk sends; " + extraMessages + " extra messages)",
          FaultLab.seconds(start));
    }
  }

  private static int answeredIdsSize(Set<String> ids) {
    synchronized (ids) {
      return ids.size();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
