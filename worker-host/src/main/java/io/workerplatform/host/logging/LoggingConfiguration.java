package io.workerplatform.host.logging;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import io.temporal.common.context.ContextPropagator;

@Configuration(proxyBeanMethods = false)
class LoggingConfiguration {

  @Bean
  LogFields logFields() {
    return new LogFields();
  }

  /** The organization id travels with the work, client to workflow to activity. */
  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> orgIdPropagation() {
    return builder -> {
      List<ContextPropagator> configured = builder.build().getContextPropagators();
      List<ContextPropagator> propagators =
          configured == null ? new ArrayList<>() : new ArrayList<>(configured);
      propagators.add(new OrgIdContextPropagator());
      return builder.setContextPropagators(propagators);
    };
  }
}
