package io.workerplatform.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of an event's fields, defined once for the REST API (the host's validation) and the
 * starters' outbox ({@code DomainEvents}): what an id, an ordering key and an event type's name
 * may hold, and the sentence a refusal gives.
 */
public final class EventFields {
  private EventFields() {}

  /** Client-chosen ids: event ids, entity ids, actors, organization ids. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  public static final String ID_RULE =
      "must be 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

  /** Keys whose events are processed one at a time, in order; may hold '/'. */
  public static final Pattern ORDERING_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");
  public static final String ORDERING_KEY_RULE =
      "must be 1 to 200 letters, digits, '.', '_', ':', '/' or '-', starting with a letter or digit";

  /** An event type's name, such as {@code petition.completed}. */
  public static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");
  public static final String TYPE_RULE = "must be lower-case words joined by '.', '_' or '-', like petition.completed";

  /** Why {@code value} does not match {@code pattern}, as {@code rule}; empty when it does. */
  public static Optional<String> problem(String value, Pattern pattern, String rule) {
    return value != null && pattern.matcher(value).matches() ? Optional.empty() : Optional.of(rule);
  }
}
