package io.workerplatform.host;

import io.workerplatform.host.temporal.EmbeddedTemporalServer;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the workers, the inbound HTTP (REST API, callbacks, actuator) and, in embedded mode,
 * Temporal's Java test server. With the arguments {@code temporal-server [port [bind-address]]}
 * it serves only the embedded Temporal server, so that worker processes can be stopped and
 * restarted under it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WorkerHostApplication {

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("temporal-server")) {
      EmbeddedTemporalServer.serveForever(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    SpringApplication.run(WorkerHostApplication.class, args);
  }
}
