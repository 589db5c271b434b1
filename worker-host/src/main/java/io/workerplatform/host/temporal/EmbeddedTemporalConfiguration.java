package io.workerplatform.host.temporal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import io.temporal.serviceclient.WorkflowServiceStubs;

/** Embedded mode: the Temporal test server lives and dies with this application context. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = TemporalModeEnvironmentPostProcessor.MODE, havingValue = "embedded")
class EmbeddedTemporalConfiguration {
  static final String SERVER_BEAN = "embeddedTemporalServer";

  @Bean(name = SERVER_BEAN, destroyMethod = "close")
  EmbeddedTemporalServer embeddedTemporalServer(
      @Value("${platform.temporal.embedded.bind-address:127.0.0.1}") String bindAddress,
      @Value("${platform.temporal.embedded.port:7233}") int port,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    return EmbeddedTemporalServer.start(bindAddress, port, namespace);
  }

  /** The starter's service stubs connect only once the server listens, and close before it. */
  @Bean
  static BeanFactoryPostProcessor serviceStubsDependOnEmbeddedServer() {
    return beanFactory -> {
      for (String name : beanFactory.getBeanNamesForType(WorkflowServiceStubs.class, true, false)) {
        BeanDefinition definition = beanFactory.getBeanDefinition(name);
        List<String> dependsOn =
            new ArrayList<>(
                definition.getDependsOn() == null ? List.of() : Arrays.asList(definition.getDependsOn()));
        dependsOn.add(SERVER_BEAN);
        definition.setDependsOn(dependsOn.toArray(String[]::new));
      }
    };
  }
}
