package io.workerplatform.benchmarks;

import io.workerplatform.benchmarks.faults.FaultsScenario;

/**
 * Runs one scenario and prints its figures:
 * {@code ./mvnw -pl benchmarks -am verify -Pbenchmark -DskipTests -Dscenario=webhooks}.
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    String scenario = args.length > 0 ? args[0] : "webhooks";
    switch (scenario) {
      case "webhooks" ->
          new WebhooksScenario(
                  Integer.getInteger("events", 5_000),
                  Integer.getInteger("concurrency", 32),
                  Integer.getInteger("paced.rate", 100),
                  Integer.getInteger("paced.seconds", 20))
              .run();
      case "webhooks-max" ->
          new WebhooksScenario(Integer.getInteger("events", 5_000), Integer.getInteger("concurrency", 32), 0, 0)
              .maxRateOnly();
      case "bare" ->
          new WebhooksScenario(Integer.getInteger("events", 5_000), Integer.getInteger("concurrency", 32), 0, 0)
              .bareWorkflowCeiling();
      case "bulk-send" -> new BulkSendScenario().run();
      case "bulk-send-rate" -> new BulkSendScenario().rateOnly();
      case "bulk-send-rate-hosts" -> new SharedRateScenario().run();
      case "anonymizer" -> new AnonymizerScenario().run();
      case "log-retention" -> new LogRetentionScenario().run();
      case "export" -> new ExportScenario().run();
      case "import" -> new ImportScenario().run();
      case "faults" -> new FaultsScenario().run();
      case "events" -> new EventsScenario().run();
      default -> {
        System.err.println("unknown scenario " + scenario + "; known: webhooks, webhooks-max, bare, bulk-send, bulk-send-rate, bulk-send-rate-hosts, anonymizer, log-retention, export, import, faults, events");
        System.exit(2);
      }
    }
    System.exit(0);
  }
}
