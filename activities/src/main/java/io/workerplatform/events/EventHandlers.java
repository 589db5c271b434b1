package io.workerplatform.events;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every handler of this process, by name; which of them take a type. */
public class EventHandlers {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private final Map<String, EventHandler> byName = new LinkedHashMap<>();

  public EventHandlers(List<EventHandler> handlers) {
    handlers.stream()
        .sorted(Comparator.comparing(EventHandler::name))
        .forEach(
            h -> {
              if (!NAME.matcher(h.name()).matches()) {
                throw new IllegalArgumentException("event handler name '" + h.name() + "' must match " + NAME);
              }
              if (byName.putIfAbsent(h.name(), h) != null) {
                throw new IllegalArgumentException("two event handlers are named '" + h.name() + "'");
              }
            });
  }

  /** The handlers that take events of {@code type}, by name. */
  public List<EventHandler> forType(String type) {
    return byName.values().stream()
        .filter(h -> h.eventTypes().isEmpty() || h.eventTypes().contains(type))
        .toList();
  }

  public List<String> namesForType(String type) {
    return forType(type).stream().map(EventHandler::name).toList();
  }

  public Optional<EventHandler> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }
}
