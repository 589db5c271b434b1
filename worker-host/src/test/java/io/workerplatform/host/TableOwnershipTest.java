package io.workerplatform.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.db.Tables;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * Each capability owns its tables: the map below says which package owns which table, and a
 * package's code (in {@code activities} and, under {@code host.<package>}, in the host) names only
 * its own tables. It reads another capability's data through that capability's classes.
 *
 * <p>Where a statement must join another capability's data (a bulk send's recipients inserted from
 * the contacts, an attempt's event payload), the owner publishes a query, a condition or columns
 * for it ({@code ContactStore.ids}, {@code EventColumns}), and only the owner names its table.
 */
class TableOwnershipTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Package -> the tables it owns. */
  static final Map<String, Set<String>> OWNERS = Map.ofEntries(
      Map.entry("apikeys", Set.of("api_keys", "api_rate_limits")),
      Map.entry("audit", Set.of("audit_log")),
      Map.entry("bulksends", Set.of("bulk_sends", "bulk_send_recipients")),
      Map.entry("contacts", Set.of("contacts")),
      Map.entry("cron", Set.of("cron_pauses", "cron_registrations", "cron_runs")),
      Map.entry("documents", Set.of("contact_documents", "contact_document_notices")),
      Map.entry("filings", Set.of("filings", "filing_notices")),
      Map.entry("queues", Set.of("task_queue_pauses")),
      Map.entry("flowlimits", Set.of("flow_limits")),
      Map.entry("reports", Set.of("report_schedules", "reports")),
      Map.entry("compliance", Set.of("compliance_requirements", "compliance_runs")),
      Map.entry("email", Set.of(
          "email_events", "email_messages", "suppressions", "email_requests", "email_send_budget")),
      Map.entry("events", Set.of("domain_events", "event_handler_runs")),
      Map.entry("expiring", Set.of("organization_job_days")),
      Map.entry("files", Set.of("files")),
      Map.entry("gdpr", Set.of("erasures", "exports")),
      Map.entry("idempotency", Set.of("idempotency_keys")),
      Map.entry("members", Set.of("members")),
      Map.entry("notifications", Set.of("notifications", "member_notification_preferences")),
      Map.entry("organizations", Set.of("organizations")),
      Map.entry("petitions", Set.of("petitions", "petition_comments", "petition_replies", "petition_reminders")),
      Map.entry("profiles", Set.of("profiles", "profile_properties", "profile_property_notices")),
      Map.entry("sap", Set.of("sap_integrations", "sap_sync_runs")),
      Map.entry("imports", Set.of("imports", "import_errors")),
      Map.entry("screening", Set.of(
          "screening_integrations", "screenings", "screening_targets", "profile_screenings", "screening_hits")),
      Map.entry("retention", Set.of("retention_periods", "scheduled_deletions")),
      Map.entry("signatures", Set.of("signature_requests", "signature_signers", "signature_events")),
      Map.entry("usage", Set.of("organization_limits", "usage_cycles")),
      Map.entry("webhooks", Set.of(
          "webhook_subscriptions", "webhook_subscription_event_types", "webhook_deliveries", "webhook_attempts",
          "webhook_bulk_actions")));

  private static final Pattern TABLE_REFERENCE = Pattern.compile("\\bTables\\.([A-Z][A-Z_0-9]*)\\b");
  private static final Pattern ACTIVITIES_PACKAGE = Pattern.compile("activities/src/main/java/io/workerplatform/([a-z]+)/");
  private static final Pattern HOST_PACKAGE = Pattern.compile("worker-host/src/main/java/io/workerplatform/host/([a-z]+)/");

  @Test
  void everyTableHasOneOwner() throws Exception {
    List<String> tables = new ArrayList<>();
    for (Field field : Tables.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && Table.class.isAssignableFrom(field.getType())) {
        tables.add(((Table<?>) field.get(null)).getName());
      }
    }
    Map<String, Long> owners = OWNERS.values().stream().flatMap(Set::stream)
        .collect(Collectors.groupingBy(t -> t, Collectors.counting()));

    assertThat(tables).hasSizeGreaterThan(30);
    assertThat(tables).as("tables without an owner").allMatch(owners::containsKey);
    assertThat(owners).as("tables with two owners").allSatisfy((table, n) -> assertThat(n).as(table).isEqualTo(1));
    assertThat(owners.keySet()).as("owned tables that do not exist").allMatch(tables::contains);
  }

  @Test
  void aPackageNamesOnlyItsOwnTables() {
    Set<String> crossings = new TreeSet<>();
    Map<String, Set<String>> where = new TreeMap<>();
    sources().forEach((path, text) -> {
      String owner = owner(path);
      if (owner == null) {
        return;
      }
      Matcher reference = TABLE_REFERENCE.matcher(text);
      while (reference.find()) {
        String table = reference.group(1).toLowerCase();
        if (!OWNERS.getOrDefault(owner, Set.of()).contains(table)) {
          String crossing = owner + " -> " + table;
          crossings.add(crossing);
          where.computeIfAbsent(crossing, c -> new TreeSet<>()).add(path);
        }
      }
    });

    assertThat(crossings).as("tables named outside their capability, in " + where).isEmpty();
  }

  /** The package a main source belongs to: an activities package, or a host one by the same name. */
  private static String owner(String path) {
    Matcher activities = ACTIVITIES_PACKAGE.matcher(path);
    if (activities.find()) {
      return activities.group(1);
    }
    Matcher host = HOST_PACKAGE.matcher(path);
    return host.find() ? host.group(1) : null;
  }

  private static Map<String, String> sources() {
    Map<String, String> sources = new TreeMap<>();
    for (String module : List.of("activities", "worker-host")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
          try {
            sources.put(ROOT.relativize(f).toString(), Files.readString(f));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(sources.keySet()).anyMatch(p -> p.endsWith("events/EventStore.java"));
    return sources;
  }

  @Test
  void theMapNamesRealPackages() {
    Set<String> packages = Arrays.stream(ROOT.resolve("activities/src/main/java/io/workerplatform").toFile().listFiles())
        .map(File::getName).collect(Collectors.toSet());
    assertThat(packages).containsAll(OWNERS.keySet());
  }
}
