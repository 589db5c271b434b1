package io.workerplatform.benchmarks;

import io.workerplatform.events.EventHandler;
import io.workerplatform.events.HandledEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * A third event handler for the {@code events} scenario (with {@code --bench.third-handler=true}):
 * what a user's own handler is, one more bean; it reads the event's data and counts it.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "bench.third-handler", havingValue = "true")
public class CountingHandlerAutoConfiguration {
  static final AtomicLong HANDLED = new AtomicLong();

  @Bean
  EventHandler countingHandler() {
    return new EventHandler() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public void handle(HandledEvent event) {
        if (event.data().isObject()) {
          HANDLED.incrementAndGet();
        }
      }
    };
  }
}
