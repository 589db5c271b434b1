package io.workerplatform.host.expiring;

import io.workerplatform.events.PlatformEvents;
import io.workerplatform.expiring.ExpiringItems;
import io.workerplatform.expiring.ExpiringProperties;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ExpiringConfiguration {
  /**
   * The cron job {@code expiring-properties} (scheduled in {@code platform.cron.jobs}) over every
   * capability's registered {@link ExpiringItems}.
   */
  @Bean
  ExpiringProperties expiringProperties(
      DSLContext dsl, PlatformEvents events, JsonMapper json, List<ExpiringItems> kinds) {
    return new ExpiringProperties(dsl, events, json, kinds);
  }
}
