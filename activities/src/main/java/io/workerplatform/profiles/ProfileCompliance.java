package io.workerplatform.profiles;

import static io.workerplatform.db.Tables.PROFILES;
import static io.workerplatform.db.Tables.PROFILE_PROPERTIES;

import io.workerplatform.compliance.ComplianceScore;
import io.workerplatform.compliance.ComplianceSource;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Profiles' part of compliance: each live profile must hold a {@code DOCUMENT} property named as
 * each required kind (ignoring case); its latest expiry decides: none is missing, past is
 * expired, within 30 days is expiring. One query per organization.
 */
public final class ProfileCompliance implements ComplianceSource {
  static final int EXPIRING_DAYS = 30;

  @Override
  public List<Finding> findings(DSLContext dsl, String orgId, Requirements requirements, LocalDate today) {
    if (requirements.profileDocumentKinds().isEmpty()) {
      return List.of();
    }
    Field<String> kind = DSL.field(DSL.name("k", "kind"), String.class);
    Field<LocalDate> latest = DSL.max(PROFILE_PROPERTIES.EXPIRES_AT).as("latest");
    var kinds = DSL.table("unnest({0}::text[])", DSL.val(requirements.profileDocumentKinds().toArray(String[]::new)))
        .as("k", "kind");
    return dsl.select(PROFILES.ID, kind, latest)
        .from(PROFILES)
        .crossJoin(kinds)
        .leftJoin(PROFILE_PROPERTIES)
        .on(PROFILE_PROPERTIES.PROFILE_ID.eq(PROFILES.ID))
        .and(PROFILE_PROPERTIES.KIND.eq("DOCUMENT"))
        .and(DSL.lower(PROFILE_PROPERTIES.NAME).eq(DSL.lower(kind)))
        .where(PROFILES.ORG_ID.eq(orgId))
        .and(PROFILES.DELETED_AT.isNull())
        .groupBy(PROFILES.ID, kind)
        .having(DSL.max(PROFILE_PROPERTIES.EXPIRES_AT).isNull()
            .or(DSL.max(PROFILE_PROPERTIES.EXPIRES_AT).le(today.plusDays(EXPIRING_DAYS))))
        .orderBy(PROFILES.ID, kind)
        .fetch(r -> {
          LocalDate expires = r.get(latest);
          String type = expires == null ? ComplianceScore.MISSING_DOCUMENT
              : expires.isBefore(today) ? ComplianceScore.EXPIRED_DOCUMENT : ComplianceScore.EXPIRING_DOCUMENT;
          return new Finding(type, "profile", r.get(PROFILES.ID), r.get(kind), expires);
        });
  }
}
