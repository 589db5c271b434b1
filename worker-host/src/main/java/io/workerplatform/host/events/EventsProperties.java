package io.workerplatform.host.events;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.events.*}.
 *
 * @param allowUndeclaredTypes accept event types that have no schema in {@code event-types.json}
 *     (their data is then not validated); off by default, so a typo is a 400, not a silent event
 * @param lowPriorityTypes event types processed on {@code events-low-priority}, with a lower task
 *     priority and a worker of their own, so a backlog of them does not delay the others
 * @param maxConcurrentHandlers handler runs one process runs at once on {@code events}
 * @param lowPriorityMaxConcurrentHandlers the same on {@code events-low-priority}: small, so a
 *     backlog takes a bounded share of the process and the database
 */
@ConfigurationProperties("platform.events")
public record EventsProperties(
    @DefaultValue("false") boolean allowUndeclaredTypes,
    @DefaultValue List<String> lowPriorityTypes,
    @DefaultValue("200") int maxConcurrentHandlers,
    @DefaultValue("8") int lowPriorityMaxConcurrentHandlers) {

  boolean lowPriority(String type) {
    return lowPriorityTypes.contains(type);
  }
}
