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
 * @param audiences per type, the only roles it may notify (whatever a member chooses); a type not
 *     listed may notify every role
 */
public record NotificationPreferences(
    List<String> types, Map<String, Map<String, List<String>>> roleDefaults, Map<String, List<String>> audiences) {
  public static final String IN_APP = "IN_APP";
  public static final String EMAIL = "EMAIL";
  public static final String DIGEST = "DIGEST";
  public static final List<String> CHANNELS = List.of(IN_APP, EMAIL, DIGEST);

  public NotificationPreferences {
    types = List.copyOf(types);
    roleDefaults = Map.copyOf(roleDefaults);
    audiences = Map.copyOf(audiences);
    for (String type : audiences.keySet()) {
      if (!types.contains(type)) {
        throw new IllegalArgumentException("audience of " + type + ", which is not a notifying type");
      }
    }
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

  /** Notifies members of {@code type} (the types {@code eventTypes()} of the handler takes). */
  public boolean notifies(String type) {
    return types.contains(type);
  }

  /**
   * The channels that notify a member of {@code role} of an event of {@code type}: its own choice
   * ({@code ownChoice}, null when it made none) or its role's default; none for a role outside the
   * type's audience.
   */
  public List<String> channels(String role, String type, List<String> ownChoice) {
    if (!reaches(role, type)) {
      return List.of();
    }
    if (ownChoice != null) {
      return List.copyOf(ownChoice);
    }
    return List.copyOf(roleDefaults.getOrDefault(role, Map.of()).getOrDefault(type, List.of()));
  }

  /** Every notifying type with its channels for a member of {@code role} with these own choices. */
  public Map<String, List<String>> effective(String role, Map<String, List<String>> ownChoices) {
    Map<String, List<String>> effective = new LinkedHashMap<>();
    for (String type : types) {
      effective.put(type, channels(role, type, ownChoices.get(type)));
    }
    return effective;
  }

  /** Whether members of {@code role} may be notified of {@code type} at all. */
  public boolean reaches(String role, String type) {
    List<String> audience = audiences.get(type);
    return types.contains(type) && (audience == null || audience.contains(role));
  }
}
