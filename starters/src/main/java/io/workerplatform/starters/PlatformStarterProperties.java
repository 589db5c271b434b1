package io.workerplatform.starters;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the starters read of the platform's settings: the same values as the worker host's, so an
 * API application and the host agree on where events are stored and which go to the low-priority
 * queue.
 *
 * @param db where the platform's tables are
 * @param events how published events are routed
 */
@ConfigurationProperties("platform")
public record PlatformStarterProperties(@DefaultValue Db db, @DefaultValue Events events) {

  /** @param schema the PostgreSQL schema of the platform's tables (the host's {@code PLATFORM_DB_SCHEMA}) */
  public record Db(@DefaultValue("platform") String schema) {}

  /**
   * @param lowPriorityTypes event types processed on the low-priority queue, behind the others
   *     (the host's {@code platform.events.low-priority-types})
   */
  public record Events(@DefaultValue List<String> lowPriorityTypes) {}
}
