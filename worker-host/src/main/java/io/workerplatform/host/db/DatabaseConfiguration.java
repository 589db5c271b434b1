package io.workerplatform.host.db;

import io.workerplatform.common.PlatformDatabase;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The generated jOOQ classes carry no schema: queries go to {@code platform.db.schema}. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Bean
  DefaultConfigurationCustomizer platformSchema(@Value("${platform.db.schema}") String schema) {
    return configuration -> configuration.setSettings(PlatformDatabase.settings(schema));
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
