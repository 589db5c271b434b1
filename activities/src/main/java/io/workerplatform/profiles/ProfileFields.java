package io.workerplatform.profiles;

import io.workerplatform.common.InvalidFieldException;
import io.workerplatform.profiles.ProfileStore.Fields;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A profile's fields as text (a request's, an imported row's), checked: each problem names its
 * field, never its value. The API and the import hold profiles to the same rules.
 */
public final class ProfileFields {
  public static final int MAX_NAME = 300;
  public static final int MAX_REFERENCE = 100;
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  private ProfileFields() {}

  /** The checked fields; null for an optional field means none. */
  public static Fields check(
      String type, String name, String country, String dateOfBirth, String registrationNumber, String externalId) {
    if (type == null || type.isBlank()) {
      throw new InvalidFieldException("type", "is required");
    }
    if (!ProfileStore.TYPES.contains(type)) {
      throw new InvalidFieldException("type", "must be one of " + String.join(", ", ProfileStore.TYPES));
    }
    if (name == null || name.isBlank()) {
      throw new InvalidFieldException("name", "is required");
    }
    maxLength("name", name.strip(), MAX_NAME);
    if (country != null && (!COUNTRY.matcher(country).matches() || !ISO_COUNTRIES.contains(country))) {
      throw new InvalidFieldException("country", "must be an ISO 3166-1 alpha-2 code such as DE");
    }
    LocalDate born = null;
    if (dateOfBirth != null) {
      if (!ProfileStore.PERSON.equals(type)) {
        throw new InvalidFieldException("dateOfBirth", "is for a PERSON only");
      }
      try {
        born = LocalDate.parse(maxLength("dateOfBirth", dateOfBirth, 10));
      } catch (DateTimeException e) {
        throw new InvalidFieldException("dateOfBirth", "must be a date as 1980-04-30");
      }
      if (born.isAfter(LocalDate.now(ZoneOffset.UTC)) || born.isBefore(LocalDate.of(1850, 1, 1))) {
        throw new InvalidFieldException("dateOfBirth", "must be a past date after 1850");
      }
    }
    maxLength("registrationNumber", registrationNumber, MAX_REFERENCE);
    if (registrationNumber != null && !ProfileStore.COMPANY.equals(type)) {
      throw new InvalidFieldException("registrationNumber", "is for a COMPANY only");
    }
    maxLength("externalId", externalId, MAX_REFERENCE);
    if (externalId != null && externalId.isBlank()) {
      throw new InvalidFieldException("externalId", "must not be blank");
    }
    return new Fields(type, name.strip(), country, born, registrationNumber, externalId);
  }

  private static String maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidFieldException(field, "must be at most " + max + " characters");
    }
    return value;
  }
}
