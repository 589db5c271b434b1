package io.workerplatform.profiles;

import static io.workerplatform.db.Tables.PROFILES;

import io.workerplatform.common.Ids;
import io.workerplatform.common.InvalidFieldException;
import io.workerplatform.imports.ImportTarget;
import io.workerplatform.profiles.ProfileStore.Fields;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Imports profiles ({@code type,name,country,externalId} and optionally {@code dateOfBirth},
 * {@code registrationNumber}), held to the API's rules ({@link ProfileFields}) and matched to the
 * organization's live profile with the same {@code externalId}: a match is updated, no match (or
 * no external id) makes a new profile. Rows are written one by one, in order, so two rows with
 * the same external id are one profile created, then updated.
 */
public final class ProfileImports implements ImportTarget {
  public static final String KIND = "profiles";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<String> requiredColumns() {
    return List.of("type", "name", "country", "externalId");
  }

  @Override
  public List<String> optionalColumns() {
    return List.of("dateOfBirth", "registrationNumber");
  }

  @Override
  public List<Outcome> apply(DSLContext t, String orgId, List<Row> rows, OffsetDateTime now) {
    List<Outcome> outcomes = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Fields fields;
      try {
        fields = ProfileFields.check(upper(row.value("type")), row.value("name"), upper(row.value("country")),
            row.value("dateOfBirth"), row.value("registrationNumber"), row.value("externalId"));
      } catch (InvalidFieldException e) {
        outcomes.add(Outcome.rejected(e.field(), e.reason()));
        continue;
      }
      outcomes.add(write(t, orgId, fields, row, now));
    }
    return outcomes;
  }

  private static Outcome write(DSLContext t, String orgId, Fields fields, Row row, OffsetDateTime now) {
    String existing = fields.externalId() == null ? null
        : t.select(PROFILES.ID).from(PROFILES)
            .where(PROFILES.ORG_ID.eq(orgId)).and(PROFILES.DELETED_AT.isNull())
            .and(PROFILES.EXTERNAL_ID.eq(fields.externalId()))
            .forUpdate()
            .fetchOne(PROFILES.ID);
    if (existing == null) {
      t.insertInto(PROFILES)
          .set(PROFILES.ID, Ids.newId("prf"))
          .set(PROFILES.ORG_ID, orgId)
          .set(PROFILES.TYPE, fields.type())
          .set(PROFILES.NAME, fields.name())
          .set(PROFILES.COUNTRY, fields.country())
          .set(PROFILES.DATE_OF_BIRTH, fields.dateOfBirth())
          .set(PROFILES.REGISTRATION_NUMBER, fields.registrationNumber())
          .set(PROFILES.EXTERNAL_ID, fields.externalId())
          .set(PROFILES.CREATED_AT, now)
          .set(PROFILES.UPDATED_AT, now)
          .execute();
      return Outcome.IMPORTED;
    }
    boolean person = ProfileStore.PERSON.equals(fields.type());
    // a column the file lacks keeps the value, unless the type changed and the table's checks drop it
    Field<LocalDate> born = row.has("dateOfBirth") ? DSL.val(fields.dateOfBirth())
        : person ? PROFILES.DATE_OF_BIRTH : DSL.val((LocalDate) null);
    Field<String> registration = row.has("registrationNumber") ? DSL.val(fields.registrationNumber())
        : person ? DSL.val((String) null) : PROFILES.REGISTRATION_NUMBER;
    t.update(PROFILES)
        .set(PROFILES.TYPE, fields.type())
        .set(PROFILES.NAME, fields.name())
        .set(PROFILES.COUNTRY, fields.country())
        .set(PROFILES.DATE_OF_BIRTH, born)
        .set(PROFILES.REGISTRATION_NUMBER, registration)
        .set(PROFILES.UPDATED_AT, now)
        .where(PROFILES.ID.eq(existing))
        .execute();
    return Outcome.UPDATED;
  }

  private static String upper(String value) {
    return value == null ? null : value.toUpperCase(Locale.ROOT);
  }
}
