package io.workerplatform.host.api;

import io.workerplatform.events.EventFields;

import io.workerplatform.common.Ids;
import java.util.List;
import java.util.regex.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.ZoneId;
import java.time.DateTimeException;

/**
 * Small checks shared by the controllers; each names the field it rejects. Every string and array
 * the API accepts has a maximum length (the defaults here, or a route's own), checked before
 * anything is written.
 */
public final class Validation {
  /** Names, titles, template names, provider names: a line of text. */
  public static final int MAX_TEXT_LENGTH = 200;

  public static final int MAX_URL_LENGTH = 2048;

  private Validation() {}

  public static String requireText(String field, String value) {
    return requireText(field, value, MAX_TEXT_LENGTH);
  }

  public static String requireText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException(field, "is required");
    }
    return maxLength(field, value.strip(), maxLength);
  }

  /** {@code value} itself, when it is null or at most {@code maxLength} characters long. */
  public static String maxLength(String field, String value, int maxLength) {
    if (value != null && value.length() > maxLength) {
      throw new BadRequestException(field, "must be at most " + maxLength + " characters");
    }
    return value;
  }

  /** A list of 1 to {@code maxSize} elements. */
  public static <T> List<T> requireList(String field, List<T> value, String what, int maxSize) {
    if (value == null || value.isEmpty()) {
      throw new BadRequestException(field, "must list at least one " + what);
    }
    if (value.size() > maxSize) {
      throw new BadRequestException(field, "must list at most " + maxSize + " " + what + "s");
    }
    return value;
  }

  /** An event type's name ({@link EventFields#TYPE}), as the starters' outbox checks it too. */
  public static String requireEventType(String field, String value) {
    return matching(field, requireText(field, value), EventFields.TYPE, EventFields.TYPE_RULE);
  }

  /** An ordering key ({@link EventFields#ORDERING_KEY}), or null when none is given. */
  public static String orderingKey(String field, String value) {
    return value == null ? null : matching(field, value, EventFields.ORDERING_KEY, EventFields.ORDERING_KEY_RULE);
  }

  private static String matching(String field, String value, Pattern pattern, String rule) {
    EventFields.problem(value, pattern, rule).ifPresent(problem -> {
      throw new BadRequestException(field, problem);
    });
    return value;
  }

  public static String requireId(String field, String value) {
    String id = requireText(field, value, Integer.MAX_VALUE);
    if (!Ids.CLIENT_ID.matcher(id).matches()) {
      throw new BadRequestException(
          field, "must be 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
    return id;
  }

  /** An optional ISO-8601 instant (a query parameter or body field): null when absent. */
  public static Instant instantOrNull(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    maxLength(field, value, 64);
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequestException(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }

  /** A required ISO date such as {@code 2027-01-31}. */
  public static LocalDate requireDate(String field, String value) {
    String date = requireText(field, value, 10);
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(field, "must be a date such as 2027-01-31");
    }
  }

  /** An IANA time zone id such as {@code Europe/Madrid} (or {@code UTC}), as given. */
  public static String timeZone(String field, String value) {
    String zone = requireText(field, value, 64);
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new BadRequestException(field, "'" + zone + "' is not a time zone (an IANA id such as Europe/Madrid)");
    }
    return zone;
  }

  private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

  /** A BCP 47 language tag such as {@code en} or {@code es-ES}. */
  public static String locale(String field, String value) {
    String locale = requireText(field, value, 35);
    if (!LOCALE.matcher(locale).matches()) {
      throw new BadRequestException(field, "'" + locale + "' is not a language tag such as en or es-ES");
    }
    return locale;
  }
}
