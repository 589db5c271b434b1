package io.workerplatform.host.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * An end-to-end test class against a worker host of its own: the whole application on a random
 * HTTP port, with its embedded Temporal test server on a free port and a PostgreSQL schema that
 * the host migrates at start and that is dropped when the context closes (see {@link OwnHost}).
 * Tests reach the database through the host's {@code DSLContext} and add properties of their own
 * with {@code properties} or {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@ContextCustomizerFactories(OwnHost.class)
public @interface HostTest {
  @AliasFor(annotation = SpringBootTest.class)
  String[] properties() default {};

  @AliasFor(annotation = SpringBootTest.class)
  SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.RANDOM_PORT;
}
