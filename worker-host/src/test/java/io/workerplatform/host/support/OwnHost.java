package io.workerplatform.host.support;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives each {@link HostTest} class a schema and a Temporal port of its own. The customizer is
 * equal only to its own class's, so two test classes never share a cached context (nor a schema).
 */
final class OwnHost implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    return new Customizer(testClass);
  }

  private record Customizer(Class<?> testClass) implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      String schema =
          ("t_" + testClass.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
              .toLowerCase(Locale.ROOT);
      context.getEnvironment().getPropertySources().addFirst(
          new MapPropertySource(
              "ownHost",
              Map.of("platform.db.schema", schema, "platform.temporal.embedded.port", FreePort.find())));
      // Published before the beans are destroyed: the host's database is still reachable.
      context.addApplicationListener(
          (ApplicationListener<ContextClosedEvent>) event ->
              event.getApplicationContext().getBean(DSLContext.class)
                  .dropSchemaIfExists(DSL.name(schema)).cascade().execute());
    }
  }
}
