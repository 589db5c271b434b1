package io.workerplatform.profiles;

import static io.workerplatform.db.Tables.PROFILE_PROPERTIES;
import static io.workerplatform.db.Tables.PROFILE_PROPERTY_NOTICES;

import io.workerplatform.expiring.ExpiringItems;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Live profiles' properties as expiring items: {@code profile.property.expiring} (its data: the
 * profile's and the property's ids and the property's kind, never its name), noticed in {@code
 * profile_property_notices}.
 */
public final class ExpiringProfileProperties implements ExpiringItems {
  public static final String EVENT_TYPE = "profile.property.expiring";

  @Override
  public String eventType() {
    return EVENT_TYPE;
  }

  @Override
  public List<Item> expiring(DSLContext dsl, String orgId, LocalDate from, LocalDate until) {
    // notices cover a threshold and every farther one: the nearest noticed is what counts
    var nearestNoticed =
        DSL.field(DSL.select(DSL.min(PROFILE_PROPERTY_NOTICES.THRESHOLD))
            .from(PROFILE_PROPERTY_NOTICES)
            .where(PROFILE_PROPERTY_NOTICES.PROPERTY_ID.eq(PROFILE_PROPERTIES.ID)));
    return dsl.select(PROFILE_PROPERTIES.ID, PROFILE_PROPERTIES.PROFILE_ID, PROFILE_PROPERTIES.KIND,
            PROFILE_PROPERTIES.EXPIRES_AT, nearestNoticed)
        .from(PROFILE_PROPERTIES)
        .where(PROFILE_PROPERTIES.ORG_ID.eq(orgId))
        .and(PROFILE_PROPERTIES.EXPIRES_AT.between(from, until))
        .and(ProfileStore.isLive(PROFILE_PROPERTIES.PROFILE_ID))
        .orderBy(PROFILE_PROPERTIES.ID)
        .fetch(r -> {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("profileId", r.value2());
          data.put("propertyId", r.value1());
          data.put("propertyKind", r.value3());
          return new Item(r.value1(), r.value4(), r.value5(), data);
        });
  }

  @Override
  public void noticed(
      DSLContext dsl, String orgId, String itemId, List<Integer> thresholds, String eventId, OffsetDateTime at) {
    for (int threshold : thresholds) {
      dsl.insertInto(PROFILE_PROPERTY_NOTICES)
          .set(PROFILE_PROPERTY_NOTICES.PROPERTY_ID, itemId)
          .set(PROFILE_PROPERTY_NOTICES.ORG_ID, orgId)
          .set(PROFILE_PROPERTY_NOTICES.THRESHOLD, threshold)
          .set(PROFILE_PROPERTY_NOTICES.EVENT_ID, eventId)
          .set(PROFILE_PROPERTY_NOTICES.CREATED_AT, at)
          .onConflictDoNothing()
          .execute();
    }
  }
}
