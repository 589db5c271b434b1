package io.workerplatform.host.support;

import io.workerplatform.host.WorkerHostApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Boots a worker host of its own, for tests that stop it or configure it differently. */
public final class Hosts {
  private Hosts() {}

  public static ConfigurableApplicationContext start(String schema, String... properties) {
    // As command-line arguments: they win over application.yml, as in production.
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--platform.db.schema=" + schema));
    for (String property : properties) {
      args.add("--" + property);
    }
    return new SpringApplicationBuilder(WorkerHostApplication.class).run(args.toArray(String[]::new));
  }

  public static int httpPort(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
