package io.workerplatform.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which channels notify a member of each notifying event type: the member's own choice where it
 * made one, otherwise the defaults of its role. {@code IN_APP} and {@code EMAIL} notify at once,
 * {@code DIGEST} in the next digest email; no channel, no notification.
 *
 * @param types the notifying event types, in order
 * @param roleDefaults per role, per type, the channels; a type a role does not list: none
 */
public record NotificationPreferences(List<String> types, Map<String, Map<String, List<String>>> roleDefaults) {
  public static final String IN_APP = "IN_APP";
  public static final String EMAIL = "EMAIL";
  public static final String DIGEST = "DIGEST";
  public static final List<String> CHANNELS = List.of(IN_APP, EMAIL, DIGEST);

  public NotificationPreferences {
    types = List.copyOf(types);
    roleDefaults = Map.copyOf(roleDefaults);
    for (Map.Entry<String, Map<String, List<String>>> role : roleDefaults.entrySet()) {
      for (Map.Entry<String, List<String>> byType : role.getValue().entrySet()) {
        if (!types.contains(byType.getKey())) {
          throw new IllegalArgumentException(
              "role " + role.getKey() + " has defaults for " + byType.getKey() + ", which is not a notifying type");
        }
        for (String channel : byType.getValue()) {
          if (!CHANNELS.contains(channel)) {
            throw new IllegalArgumentException(
                "role " + role.getKey() + ", type " + byType.getKey() + ": unknown channel " + channel);
          }
        }
      }
    }
  }

  /** Every notifying type with its channels for a member of {@code role} with these own choices. */
  public Map<String, List<String>> effective(String role, Map<String, List<String>> ownChoices) {
    Map<String, List<String>> defaults = roleDefaults.getOrDefault(role, Map.of());
    Map<String, List<String>> effective = new LinkedHashMap<>();
    for (String type : types) {
      effective.put(type, List.copyOf(ownChoices.getOrDefault(type, defaults.getOrDefault(type, List.of()))));
    }
    return effective;
  }
}
